package dev.vigil.script.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ScriptUserTest {

    private final ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();

    @Test
    void namedUserWithItsPrimaryGroupOrTheGivenOne() {
        Users.Account nobody = Users.user("nobody").orElseThrow();
        assertThat(ScriptUser.resolve("nobody", "", "/x.sh", true, tools).runAs())
                .isEqualTo(new ScriptLauncher.RunAs("nobody", nobody.uid(), nobody.gid()));
        assertThat(ScriptUser.resolve("nobody", "root", "/x.sh", true, tools).runAs().gid()).isZero();
    }

    @Test
    void unknownUserOrGroupIsARefusal() {
        ScriptUser.Resolution u = ScriptUser.resolve("no-such-user-vigil", null, "/x.sh", false, tools);
        assertThat(u.runAs()).isNull();
        assertThat(u.refusal()).isEqualTo("Invalid user/group for script /x.sh: no user no-such-user-vigil");
        assertThat(ScriptUser.resolve("nobody", "no-such-group-vigil", "/x.sh", false, tools).refusal())
                .isEqualTo("Invalid user/group for script /x.sh: no group no-such-group-vigil");
    }

    @Test
    void noUserIsKeepalivedScriptElseOurselvesWhichScriptSecurityRefuses() {
        assumeTrue(Users.user(ScriptUser.DEFAULT_USER).isEmpty(), "keepalived_script exists here");
        assertThat(ScriptUser.resolve(null, null, "/x.sh", false, tools).runAs())
                .isEqualTo(new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()));
        assertThat(ScriptUser.resolve(" ", null, "/x.sh", true, tools).refusal())
                .isEqualTo("Unable to set default user keepalived_script for script (set script_user)");
    }
}
