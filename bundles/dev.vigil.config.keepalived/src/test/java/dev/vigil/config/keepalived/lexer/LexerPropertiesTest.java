package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever mix of spaces separates words, and however braces are glued, the same tokens come out. */
class LexerPropertiesTest {

    private static List<String> tokenTexts(String line, Diagnostics diagnostics) {
        return Lexer.tokenize(new SourceLine(new SourceLocation("p.conf", 1), line), diagnostics).stream()
                .filter(t -> !t.is(TokenKind.END_OF_LINE))
                .map(Token::text)
                .toList();
    }

    @Property
    void anyUnicodeSpacesSeparateWords(@ForAll("words") @Size(min = 1, max = 8) List<String> words,
                                       @ForAll("separators") @Size(min = 9, max = 9) List<String> separators) {
        StringBuilder line = new StringBuilder(separators.get(0));
        for (int i = 0; i < words.size(); i++) {
            line.append(words.get(i)).append(separators.get(i + 1));
        }
        Diagnostics diagnostics = new Diagnostics();

        assertThat(tokenTexts(line.toString(), diagnostics)).isEqualTo(words);
        assertThat(diagnostics.sorted()).isEmpty();
    }

    @Property
    void bracesAreTheSameTokensGluedOrSpaced(@ForAll("words") @Size(min = 1, max = 6) List<String> words,
                                             @ForAll("separators") @Size(min = 6, max = 6) List<String> separators) {
        List<String> expected = new ArrayList<>();
        StringBuilder glued = new StringBuilder();
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String brace = i % 2 == 0 ? "{" : "}";
            glued.append(words.get(i)).append(brace);
            spaced.append(words.get(i)).append(separators.get(i)).append(brace).append(' ');
            expected.add(words.get(i));
            expected.add(brace);
        }

        assertThat(tokenTexts(glued.toString(), new Diagnostics())).isEqualTo(expected);
        assertThat(tokenTexts(spaced.toString(), new Diagnostics())).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withChars("abcxyz019_./:-@").ofMinLength(1).ofMaxLength(12).list();
    }

    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of(" ", "\t", "\u00a0", "\u00a0 ", " \u00a0", "\u2007", "\u202f", "\u3000", "\u000b", "\f")
                .list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("", parts))
                .list();
    }
}
