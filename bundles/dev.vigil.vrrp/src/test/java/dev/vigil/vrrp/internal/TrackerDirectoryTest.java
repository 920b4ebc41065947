package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.track.Tracker;

class TrackerDirectoryTest {

    private final TrackerDirectory directory = new TrackerDirectory();
    private final List<TrackerDirectory.Binding> heard = new ArrayList<>();

    private static Map<String, Object> props(long id, String name, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", id);
        p.put(Tracker.NAME_PROPERTY, name);
        p.put(Tracker.KIND_PROPERTY, "script");
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void followersHearArrivalPropertyChangesAndDeparture() {
        TestTracker t = new TestTracker();
        TrackerDirectory.Following f = directory.follow("chk", heard::add);
        assertThat(f.current()).isNull();

        directory.addTracker(t, props(7, "chk", "weight", 2));
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).tracker()).isSameAs(t);
        assertThat(heard.get(0).weight()).isEqualTo(2);
        assertThat(heard.get(0).reverse()).isNull();
        assertThat(heard.get(0).kind()).isEqualTo("script");

        directory.updatedTracker(t, props(7, "chk", "weight", "-5", "reverse", true));
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).weight()).isEqualTo(-5);
        assertThat(heard.get(1).reverse()).isTrue();

        directory.addTracker(new TestTracker(), props(8, "other"));
        assertThat(heard).as("another name is not ours").hasSize(2);

        directory.removeTracker(t, props(7, "chk"));
        assertThat(heard).hasSize(3);
        assertThat(heard.get(2)).isNull();
        assertThat(directory.current("chk")).isNull();
    }

    @Test
    void highestRankingWinsThenLowestServiceId() throws Exception {
        TestTracker first = new TestTracker();
        TestTracker better = new TestTracker();
        TestTracker same = new TestTracker();
        directory.addTracker(first, props(10, "chk"));
        TrackerDirectory.Following f = directory.follow("chk", heard::add);
        assertThat(f.current().tracker()).isSameAs(first);

        directory.addTracker(same, props(11, "chk"));
        assertThat(heard).as("equal ranking: the older service stays").isEmpty();

        directory.addTracker(better, props(12, "chk", "service.ranking", 5));
        assertThat(heard).extracting(TrackerDirectory.Binding::tracker).containsExactly(better);

        directory.removeTracker(better, props(12, "chk"));
        assertThat(heard.get(1).tracker()).isSameAs(first);

        f.handle().close();
        directory.removeTracker(first, props(10, "chk"));
        assertThat(heard).as("closed: no more calls").hasSize(2);
        assertThat(directory.current("chk").tracker()).isSameAs(same);
    }

    @Test
    void renamedServiceMovesBetweenNames() {
        TestTracker t = new TestTracker();
        directory.addTracker(t, props(3, "a"));
        List<TrackerDirectory.Binding> a = new ArrayList<>();
        List<TrackerDirectory.Binding> b = new ArrayList<>();
        directory.follow("a", a::add);
        directory.follow("b", b::add);
        directory.updatedTracker(t, props(3, "b"));
        assertThat(a).containsExactly((TrackerDirectory.Binding) null);
        assertThat(b).extracting(TrackerDirectory.Binding::tracker).containsExactly(t);
    }

    @Test
    void serviceWithoutANameIsIgnored() {
        Map<String, Object> p = props(4, "x");
        p.remove(Tracker.NAME_PROPERTY);
        directory.addTracker(new TestTracker(), p);
        directory.removeTracker(null, p);
        assertThat(directory.current("x")).isNull();
    }
}
