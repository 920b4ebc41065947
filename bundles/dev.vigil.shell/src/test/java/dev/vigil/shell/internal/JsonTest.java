package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesScalarsMapsAndListsInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "VI_1");
        m.put("vrid", 51);
        m.put("up", true);
        m.put("master", null);
        m.put("skew", 609.375);
        m.put("vips", List.of("198.51.100.100/24"));
        m.put("empty", List.of());
        m.put("nested", Map.of());
        assertThat(Json.write(m)).isEqualTo("{\"name\":\"VI_1\",\"vrid\":51,\"up\":true,\"master\":null,"
                + "\"skew\":609.375,\"vips\":[\"198.51.100.100/24\"],\"empty\":[],\"nested\":{}}");
    }

    @Test
    void escapesEverythingJsonRequires() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001f\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"");
        assertThat(Json.write("caf\u00e9 \ud83d\ude00")).isEqualTo("\"caf\u00e9 \ud83d\ude00\"");
        assertThat(Json.write("lone \ud83d x")).isEqualTo("\"lone \\ud83d x\"");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, 1.5f))).isEqualTo("[null,null,1.5]");
    }

    @Test
    void prettyIsIndentedAndParsesBackToTheSameShape() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", Map.of("c", "d"));
        String pretty = Json.pretty(m);
        assertThat(pretty).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}");
        assertThat(pretty.replaceAll("\\s", "")).isEqualTo(Json.write(m));
    }

    @Test
    void otherObjectsAreStrings() {
        List<Object> l = new ArrayList<>();
        l.add(java.time.Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Json.write(l)).isEqualTo("[\"2026-01-02T03:04:05Z\"]");
    }
}
