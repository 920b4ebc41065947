package dev.vigil.script.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void commandNamesWithSpacesAndParenthesesEndAtTheLastParenthesis() {
        ProcFs.Stat s = ProcFs.parseStat("4242 (my (odd) name) S 1 4242 4240 0 -1 4194560");
        assertThat(s).isEqualTo(new ProcFs.Stat(4242, "my (odd) name", 'S', 1, 4242, 4240));
    }

    @Test
    void ourOwnProcessIsReadable() {
        ProcFs.Stat self = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(ProcFs.sessionMembers(self.session())).contains(self.pid());
    }
}
