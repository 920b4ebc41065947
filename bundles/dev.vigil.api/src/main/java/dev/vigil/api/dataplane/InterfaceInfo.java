package dev.vigil.api.dataplane;

import java.net.InetAddress;

/**
 * @param name interface name
 * @param index kernel interface index
 * @param primaryAddress first address of the asked family, or null when it has none
 * @param up administratively up and with carrier
 */
public record InterfaceInfo(String name, int index, InetAddress primaryAddress, boolean up) {
}
