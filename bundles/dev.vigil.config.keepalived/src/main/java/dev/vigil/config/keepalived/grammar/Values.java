package dev.vigil.config.keepalived.grammar;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** The value types keywords declare. Addresses are literals only: nothing here resolves a name. */
public final class Values {

    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Values() {
    }

    public static ValueType<String> word() {
        return text -> text;
    }

    public static ValueType<Integer> integer(int min, int max) {
        return text -> {
            String requirement = "must be an integer between " + min + " and " + max;
            if (!INTEGER.matcher(text).matches()) {
                throw new InvalidValueException(requirement);
            }
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    throw new InvalidValueException(requirement);
                }
                return (int) value;
            } catch (NumberFormatException e) {
                throw new InvalidValueException(requirement);
            }
        };
    }

    /** A non-negative decimal number of seconds such as {@code 1}, {@code 0.5} or {@code 2.25}. */
    public static ValueType<BigDecimal> decimal(BigDecimal min, BigDecimal max) {
        return text -> {
            String requirement = "must be a number between " + min.toPlainString() + " and " + max.toPlainString();
            if (!DECIMAL.matcher(text).matches()) {
                throw new InvalidValueException(requirement);
            }
            BigDecimal value = new BigDecimal(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidValueException(requirement);
            }
            return value;
        };
    }

    /** One of fixed words, compared exactly as keepalived does ({@code MASTER}, not {@code master}). */
    public static ValueType<String> choice(String... allowed) {
        List<String> words = List.of(allowed);
        return text -> {
            if (!words.contains(text)) {
                throw new InvalidValueException("must be " + (words.size() == 2
                        ? words.get(0) + " or " + words.get(1)
                        : "one of " + String.join(", ", words)));
            }
            return text;
        };
    }

    /** keepalived's true/false words. */
    public static ValueType<Boolean> bool() {
        return text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new InvalidValueException("must be true or false (yes/no, on/off)");
        };
    }

    public static ValueType<String> interfaceName() {
        return text -> {
            if (text.isEmpty() || text.length() > MAX_INTERFACE_NAME) {
                throw new InvalidValueException("must be an interface name of 1 to " + MAX_INTERFACE_NAME + " characters");
            }
            if (text.contains("/") || text.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidValueException("must not contain '/' or white space");
            }
            return text;
        };
    }

    /** An IPv4 or IPv6 address literal, never a host name. */
    public static ValueType<InetAddress> ipAddress() {
        return text -> parseAddress(text)
                .orElseThrow(() -> new InvalidValueException("must be an IPv4 or IPv6 address"));
    }

    public static ValueType<InetAddress> ipv4Multicast() {
        return text -> {
            InetAddress address = parseAddress(text)
                    .filter(a -> a.getAddress().length == 4)
                    .orElseThrow(() -> new InvalidValueException("must be an IPv4 address"));
            if (!address.isMulticastAddress()) {
                throw new InvalidValueException("must be an IPv4 multicast address (224.0.0.0/4)");
            }
            return address;
        };
    }

    public static ValueType<InetAddress> ipv6Multicast() {
        return text -> {
            InetAddress address = parseAddress(text)
                    .filter(a -> a.getAddress().length == 16)
                    .orElseThrow(() -> new InvalidValueException("must be an IPv6 address"));
            if (!address.isMulticastAddress()) {
                throw new InvalidValueException("must be an IPv6 multicast address (ff00::/8)");
            }
            return address;
        };
    }

    /** A VRRP destination group: IPv4 multicast, or IPv6 link-local multicast (ff02::/16) as keepalived asks. */
    public static ValueType<InetAddress> vrrpMulticast() {
        return text -> {
            InetAddress address = parseAddress(text)
                    .orElseThrow(() -> new InvalidValueException("must be an IPv4 or IPv6 multicast address"));
            if (address.getAddress().length == 4 ? !address.isMulticastAddress() : !address.isMCLinkLocal()) {
                throw new InvalidValueException(address.getAddress().length == 4
                        ? "must be an IPv4 multicast address (224.0.0.0/4)"
                        : "must be an IPv6 link-local multicast address (ff02::/16)");
            }
            return address;
        };
    }

    /** Parses an address literal without ever asking a resolver. */
    public static java.util.Optional<InetAddress> parseAddress(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return java.util.Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes);
        }
        if (IPV6.matcher(text).matches()) {
            try {
                // A literal containing ':' is parsed, never looked up.
                InetAddress address = InetAddress.getByName(text);
                return address.getAddress().length == 16 ? java.util.Optional.of(address) : java.util.Optional.empty();
            } catch (UnknownHostException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return java.util.Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
