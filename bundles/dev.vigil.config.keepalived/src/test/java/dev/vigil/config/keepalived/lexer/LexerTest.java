package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<String> words(String line) {
        return Lexer.tokenize(new SourceLine(new SourceLocation("t.conf", 7), line), diagnostics).stream()
                .map(t -> switch (t.kind()) {
                    case WORD -> t.quoted() ? "\"" + t.text() + "\"" : t.text();
                    case OPEN -> "{";
                    case CLOSE -> "}";
                    case END_OF_LINE -> "EOL";
                    case END_OF_INPUT -> "EOF";
                })
                .toList();
    }

    @Test
    void noBreakSpacesSeparateWordsLikeSpaces() {
        assertThat(words("\u00a0 \u00a0 \u00a0virtual_router_id\u00a051\u00a0")).containsExactly("virtual_router_id", "51", "EOL");
        assertThat(words("priority 100\u00a0\u00a0\u00a0\u00a0    # 100 on master")).containsExactly("priority", "100", "EOL");
    }

    @Test
    void otherUnicodeSpacesAndTheByteOrderMarkSeparateWords() {
        assertThat(words("\ufeffstate\u2007MASTER\u202fx\u3000y\tz")).containsExactly("state", "MASTER", "x", "y", "z", "EOL");
    }

    @Test
    void bracesAreTokensEvenWhenGlued() {
        assertThat(words("vrrp_instance VI_1{")).containsExactly("vrrp_instance", "VI_1", "{", "EOL");
        assertThat(words("track_script {chk_nginx}")).containsExactly("track_script", "{", "chk_nginx", "}", "EOL");
        assertThat(words("}}")).containsExactly("}", "}", "EOL");
    }

    @Test
    void quotedStringsAreOneWordWithoutQuotes() {
        assertThat(words("script \"pidof nginx\"")).containsExactly("script", "\"pidof nginx\"", "EOL");
        assertThat(words("x \"a # not a comment { }\"")).containsExactly("x", "\"a # not a comment { }\"", "EOL");
        assertThat(words("x \"\"")).containsExactly("x", "\"\"", "EOL");
    }

    @Test
    void aQuoteStartsAndEndsAWordLikeKeepalived() {
        assertThat(words("a\"b c\"d")).containsExactly("a", "\"b c\"", "d", "EOL");
    }

    @Test
    void unterminatedQuoteIsAnErrorAndKeepsTheRestOfTheLine() {
        assertThat(words("script \"pidof nginx")).containsExactly("script", "\"pidof nginx\"", "EOL");
        assertThat(diagnostics.sorted()).map(Object::toString)
                .containsExactly("t.conf:7: error: unterminated quoted string: missing closing '\"'");
    }

    @Test
    void hashAndBangStartComments() {
        assertThat(words("router_id r1  #IP or hostname")).containsExactly("router_id", "r1", "EOL");
        assertThat(words("! a whole comment line")).containsExactly("EOL");
        assertThat(words("smpt_alert# glued")).containsExactly("smpt_alert", "EOL");
        assertThat(words("auth_pass se!cret")).containsExactly("auth_pass", "se", "EOL");
    }

    @Test
    void escapedCommentCharactersAreKept() {
        assertThat(words("auth_pass se\\!cr\\#t")).containsExactly("auth_pass", "se!cr#t", "EOL");
        assertThat(diagnostics.sorted()).isEmpty();
    }

    @Test
    void trailingBackslashIsReportedNotSilentlyDropped() {
        assertThat(words("notify_master /bin/x \\")).containsExactly("notify_master", "/bin/x", "EOL");
        assertThat(diagnostics.sorted()).map(Object::toString).containsExactly(
                "t.conf:7: warning: '\\' at the end of a line continues only a $NAME= definition (as in keepalived); ignored here");
    }

    @Test
    void everyTokenCarriesFileAndLineAcrossLineEndings() {
        Lexer lexer = new Lexer(new TextLineSource("f.conf", "a\r\nb {\r\n\n}\rc"), diagnostics);
        List<String> seen = new ArrayList<>();
        for (Token t = lexer.next(); !t.is(TokenKind.END_OF_INPUT); t = lexer.next()) {
            if (!t.is(TokenKind.END_OF_LINE)) {
                seen.add(t.text() + "@" + t.location());
            }
        }
        assertThat(seen).containsExactly("a@f.conf:1", "b@f.conf:2", "{@f.conf:2", "}@f.conf:4", "c@f.conf:5");
    }
}
