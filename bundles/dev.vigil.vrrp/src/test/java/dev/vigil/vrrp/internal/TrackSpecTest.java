package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrackSpecTest {

    @Test
    void contractForms() {
        assertThat(TrackSpec.parse("chk_nginx")).isEqualTo(new TrackSpec("chk_nginx", null, null, null));
        assertThat(TrackSpec.parse("chk weight=-20")).isEqualTo(new TrackSpec("chk", -20, null, null));
        assertThat(TrackSpec.parse(" chk  weight=5 reverse ")).isEqualTo(new TrackSpec("chk", 5, true, null));
        assertThat(TrackSpec.parse("eth1 weight=0 noreverse")).isEqualTo(new TrackSpec("eth1", 0, false, null));
    }

    @Test
    void keepalivedFormAndKind() {
        assertThat(TrackSpec.parse("chk weight 7 reverse kind=dns")).isEqualTo(new TrackSpec("chk", 7, true, "dns"));
    }

    @Test
    void brokenEntriesAreReportedAndLeftOut() {
        assertThatThrownBy(() -> TrackSpec.parse("chk weight=x")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> TrackSpec.parse("chk weight")).hasMessageContaining("without a value");
        assertThatThrownBy(() -> TrackSpec.parse("chk sideways")).hasMessageContaining("unknown option 'sideways'");
        List<String> errors = new ArrayList<>();
        List<TrackSpec> specs = TrackSpec.parseAll(new String[] {"a", "b weight=oops", "a weight=3", "c"}, errors::add);
        assertThat(specs).extracting(TrackSpec::name).containsExactly("a", "c");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1)).contains("duplicate entry for a");
    }
}
