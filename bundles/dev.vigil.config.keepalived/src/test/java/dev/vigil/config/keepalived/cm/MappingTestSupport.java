package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What the mapper tests of one feature share: a valid file applied to a fake ConfigurationAdmin. */
abstract class MappingTestSupport {

    final FakeConfigurationStore store = new FakeConfigurationStore();

    /** Parses {@code lines} as {@code t.conf}, which must be valid, and applies it. */
    ParseResult apply(String... lines) throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines));
        assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
        new ConfigAdminMapper(store).apply(result.config());
        return result;
    }

    /** The properties written for {@code vigil.instance~NAME}. */
    Map<String, Object> properties(String name) {
        return store.propertiesOf("vigil.instance~" + name);
    }

    static List<String> warnings(ParseResult result) {
        return result.warnings().stream().map(Object::toString).toList();
    }
}
