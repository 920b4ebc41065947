package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.diag.Diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {

    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    /** The non-empty lines the lexer would see, as "FILE:LINE text" with FILE relative to the temp dir. */
    private List<String> lines(String text, String configId) throws IOException {
        Path main = Files.writeString(dir.resolve("keepalived.conf"), text);
        Preprocessor p = new Preprocessor(TextLineSource.of(main), dir, Optional.ofNullable(configId), diagnostics);
        List<String> out = new ArrayList<>();
        for (Optional<SourceLine> line = p.next(); line.isPresent(); line = p.next()) {
            if (!line.get().text().isBlank()) {
                out.add(dir.relativize(Path.of(line.get().location().file())) + ":" + line.get().location().line()
                        + " " + line.get().text());
            }
        }
        return out;
    }

    private List<String> messages() {
        return diagnostics.sorted().stream().map(d -> d.severity().label() + " " + d.location().line() + " "
                + d.message()).toList();
    }

    @Test
    void includeReadsGlobMatchesInOrderRelativeToTheIncludingFileWithTheirOwnLines() throws IOException {
        Files.createDirectories(dir.resolve("conf.d/sub"));
        Files.writeString(dir.resolve("conf.d/b.conf"), "b1\ninclude sub/c.conf\nb3\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "a1\n");
        Files.writeString(dir.resolve("conf.d/sub/c.conf"), "\nc2\n");
        Files.writeString(dir.resolve("conf.d/skip.txt"), "never\n");

        assertThat(lines("first\ninclude conf.d/*.conf\nlast\n", null)).containsExactly(
                "keepalived.conf:1 first", "conf.d/a.conf:1 a1", "conf.d/b.conf:1 b1", "conf.d/sub/c.conf:2 c2",
                "conf.d/b.conf:3 b3", "keepalived.conf:3 last");
        assertThat(diagnostics.sorted()).isEmpty();
    }

    @Test
    void includeVariantsDifferOnlyInWhatIsAnError() throws IOException {
        Files.writeString(dir.resolve("one.conf"), "one\n");
        assertThat(lines(String.join("\n", "include none.conf", "includer none/*.conf", "includem none.conf",
                "includew none/*.conf", "includeb {one,two}.conf", "includea {one,three}.conf"), null))
                .containsExactly("one.conf:1 one", "one.conf:1 one");
        assertThat(messages()).containsExactly(
                "warning 1 include 'none.conf': no such file",
                "warning 2 includer 'none/*.conf': no configuration file matches",
                "error 3 includem 'none.conf': no such file",
                "error 4 includew 'none/*.conf': no configuration file matches",
                "error 5 includeb '{one,two}.conf': no file matches 'two.conf'",
                "error 6 includea '{one,three}.conf': no file matches 'three.conf'");
    }

    @Test
    void anIncludeLoopIsAnErrorNotAHang() throws IOException {
        Files.writeString(dir.resolve("self.conf"), "include self.conf\n");
        lines("include self.conf\n", null);
        assertThat(messages()).singleElement().asString()
                .isEqualTo("error 1 include 'self.conf': includes nested more than 32 deep (does a file include itself?)");
    }

    @Test
    void definitionsAreSubstitutedBracedOrPlainAndMayUseEachOther() throws IOException {
        assertThat(lines(String.join("\n",
                "$NET=198.51.100",
                "$VIP = ${NET}.10   # comment",
                "virtual_ipaddress { $VIP dev eth0 }",
                "mcast_src_ip ${NET}.1",
                "router_id $NET.x",
                "$NET=203.0.113",
                "unicast_peer { ${NET}.2 }"), null)).containsExactly(
                "keepalived.conf:3 virtual_ipaddress { 198.51.100.10 dev eth0 }",
                "keepalived.conf:4 mcast_src_ip 198.51.100.1",
                "keepalived.conf:5 router_id $NET.x",
                "keepalived.conf:7 unicast_peer { 203.0.113.2 }");
    }

    @Test
    /** An expanded line keeps the file and line its text was written on, so errors point at that text. */
    void aBackslashContinuesADefinitionIntoAMultiLineParameter() throws IOException {
        assertThat(lines(String.join("\n",
                "$VIPS=198.51.100.10 \\",
                "   198.51.100.11 \\",
                "   198.51.100.12",
                "virtual_ipaddress {",
                "    $VIPS",
                "}"), null)).containsExactly(
                "keepalived.conf:4 virtual_ipaddress {",
                "keepalived.conf:1 198.51.100.10",
                "keepalived.conf:2 198.51.100.11",
                "keepalived.conf:3 198.51.100.12",
                "keepalived.conf:6 }");
    }

    @Test
    void conditionalLinesFollowTheConfigId() throws IOException {
        String text = String.join("\n", "@lb1 priority 150", "@lb2 priority 100", "@^lb1 state BACKUP", "@lb1");
        assertThat(lines(text, "lb1")).containsExactly("keepalived.conf:1 priority 150");
        assertThat(lines(text, "lb2")).containsExactly("keepalived.conf:2 priority 100", "keepalived.conf:3 state BACKUP");
        assertThat(lines(text, null)).containsExactly("keepalived.conf:3 state BACKUP");
    }

    @Test
    void aSubstitutedConditionalIsSelectedToo() throws IOException {
        // keepalived checks @ID before substituting, then again on the substituted line
        assertThat(lines("$ON_LB1=@lb1\n$ON_LB1 priority 150\n@$ON_LB1 never\n", "lb1"))
                .containsExactly("keepalived.conf:2 priority 150");
    }

    @Test
    void executableAndDirectoryMatchesAreSkippedAsKeepalivedDoes() throws IOException {
        Files.createDirectories(dir.resolve("d/dir.conf"));
        Path script = Files.writeString(dir.resolve("d/x.conf"), "never\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(lines("includer d/*.conf\n", null)).isEmpty();
        assertThat(messages()).containsExactly(
                "error 1 includer: '" + dir.resolve("d/dir.conf") + "' is a directory; skipped",
                "error 1 includer: '" + dir.resolve("d/x.conf") + "' is not a regular non-executable file; skipped");
    }
}
