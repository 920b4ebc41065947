package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndNamedControls() {
        assertThat(Json.string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.string("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    }

    @Test
    void escapesOtherControlsAsUnicode() {
        assertThat(Json.string("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(Json.string("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
    }

    @Test
    void leavesPrintableAndNonAsciiTextAlone() {
        assertThat(Json.string("VI_1 /24 ~")).isEqualTo("\"VI_1 /24 ~\"");
        assertThat(Json.string("Zürich ⇄ 東京 \uD83D\uDE80")).isEqualTo("\"Zürich ⇄ 東京 \uD83D\uDE80\"");
        assertThat(Json.string("")).isEqualTo("\"\"");
    }

    @Test
    void escapesLoneSurrogatesSoNothingIsLostInUtf8() {
        assertThat(Json.string("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
        assertThat(Json.string("\uDE80")).isEqualTo("\"\\ude80\"");
        assertThat(Json.string("\uD83D")).isEqualTo("\"\\ud83d\"");
    }

    @Test
    void writesMembersInOrderWithNumbersAndArrays() {
        String json = new Json().member("s", "x").member("n", -3).member("a", List.of("1", "2"))
                .member("e", List.of()).end();
        assertThat(json).isEqualTo("{\"s\":\"x\",\"n\":-3,\"a\":[\"1\",\"2\"],\"e\":[]}");
    }

    @Test
    void everyCharacterSurvivesARoundTripThroughUtf8() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029東\uD83D\uDE80\uFFFD");
        String text = all.toString();
        String json = new Json().member("k\"ey", text).end();
        String received = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        Map<String, Object> parsed = TinyJson.object(received);

        assertThat(parsed).containsExactly(Map.entry("k\"ey", text));
        assertThat(json.chars().filter(c -> c < 0x20)).isEmpty();
    }
}
