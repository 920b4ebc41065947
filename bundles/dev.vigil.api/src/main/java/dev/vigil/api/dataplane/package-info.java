/**
 * The data plane under the VRRP engine: how adverts travel and how virtual addresses are put on
 * an interface. Vigil ships a Linux implementation (raw sockets, netlink, AF_PACKET); an
 * appliance vendor may provide its own, e.g. for an offload NIC.
 */
@Version("1.4.0")
@Export
package dev.vigil.api.dataplane;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
