package org.nestguard.agent.platform;

/**
 * The network a device is attached to, as its default route shows it: the console compares this with the
 * setting's premises networks to tell whether the device is on site.
 *
 * @param address   the default gateway's IP address, or null when there is no default route
 * @param mac       the gateway's hardware address from the neighbour table, or null when not known yet
 * @param iface     the interface the default route uses
 * @param wifiSsid  the Wi-Fi network name when that interface is wireless and associated, otherwise null
 * @param source    what was read
 */
public record Gateway(String address, String mac, String iface, String wifiSsid, String source) {
}
