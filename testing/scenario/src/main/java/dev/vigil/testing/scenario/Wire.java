package dev.vigil.testing.scenario;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.testing.netns.Capture;

/** What a client-side capture shows: adverts and gratuitous ARPs with their times. */
public final class Wire {

    public record Advert(double time, String source, int priority, int version, String checksumStatus) {
    }

    public record Garp(double time, String mac, String ip) {
    }

    private Wire() {
    }

    public static List<Advert> adverts(Capture c) {
        List<Advert> out = new ArrayList<>();
        for (String line : c.tshark("-Y", "vrrp", "-T", "fields", "-E", "separator=|", "-e", "frame.time_epoch",
                "-e", "ip.src", "-e", "vrrp.prio", "-e", "vrrp.version", "-e", "vrrp.checksum.status")) {
            String[] f = line.split("\\|", -1);
            out.add(new Advert(Double.parseDouble(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
        }
        return out;
    }

    public static List<Garp> garps(Capture c, String vip) {
        List<Garp> out = new ArrayList<>();
        for (String line : c.tshark("-Y", "arp.isgratuitous == 1 && arp.src.proto_ipv4 == " + vip, "-T", "fields",
                "-E", "separator=|", "-e", "frame.time_epoch", "-e", "arp.src.hw_mac", "-e", "arp.src.proto_ipv4")) {
            String[] f = line.split("\\|", -1);
            out.add(new Garp(Double.parseDouble(f[0]), f[1], f[2]));
        }
        return out;
    }
}
