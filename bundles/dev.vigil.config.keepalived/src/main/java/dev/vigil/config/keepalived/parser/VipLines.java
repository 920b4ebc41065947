package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordSuggester;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** One {@code virtual_ipaddress} line: {@code ADDR[/LEN] [dev IF] [label L] [option...]}. */
final class VipLines {

    private static final List<String> ALL_OPTIONS = allOptions();

    private VipLines() {
    }

    private static List<String> allOptions() {
        List<String> all = new java.util.ArrayList<>(List.of("dev", "label"));
        all.addAll(VipOptions.ALL);
        return List.copyOf(all);
    }

    /** A {@code virtual_ipaddress_excluded} line: same syntax, kept apart (held with MASTER, never advertised). */
    static void parseExcluded(Instance instance, Statement line, ParseContext context) {
        Instance scratch = new Instance(instance.name);
        parse(scratch, line, context);
        instance.excludedVips.addAll(scratch.vips);
    }

    static void parse(Instance instance, Statement line, ParseContext context) {
        parse(instance, line, context, false);
    }

    /** @param staticAddress a static_ipaddress line, which may name a {@code track_group} */
    static void parse(Instance instance, Statement line, ParseContext context, boolean staticAddress) {
        String text = line.name();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = Values.parseAddress(addressText);
        if (address.isEmpty()) {
            context.error(line.location(), "invalid virtual_ipaddress '" + text
                    + "': must be an IPv4 or IPv6 address, optionally with /prefix");
            return;
        }
        AddressFamily family = AddressFamily.of(address.get());
        int prefixLength = family.maxPrefixLength();
        if (slash >= 0) {
            try {
                prefixLength = Values.integer(0, family.maxPrefixLength()).parse(text.substring(slash + 1));
            } catch (InvalidValueException e) {
                context.error(line.location(), "invalid prefix length in virtual_ipaddress '" + text
                        + "': must be an integer between 0 and " + family.maxPrefixLength());
                return;
            }
        }
        Optional<String> device = Optional.empty();
        Optional<String> label = Optional.empty();
        VipOptions options = new VipOptions(text, address.get(), prefixLength, line.location(), context,
                staticAddress);
        List<String> words = line.argumentTexts();
        for (int index = 0; index < words.size(); index++) {
            String option = words.get(index);
            boolean takesValue = option.equals("dev") || option.equals("label") || VipOptions.takesValue(option);
            if (takesValue && index + 1 >= words.size()) {
                context.error(line.location(), "virtual_ipaddress option '" + option + "' requires a value");
                return;
            }
            switch (option) {
                case "dev" -> {
                    String name = words.get(++index);
                    try {
                        device = Optional.of(Values.interfaceName().parse(name));
                    } catch (InvalidValueException e) {
                        context.error(line.location(), "invalid dev '" + name + "' for virtual_ipaddress '" + text
                                + "': " + e.getMessage());
                        return;
                    }
                }
                case "label" -> {
                    String value = words.get(++index);
                    if (family == AddressFamily.IPV6) {
                        context.warning(line.location(), "label is only valid for IPv4 addresses; ignored for '"
                                + text + "'");
                    } else if (value.length() > Values.MAX_INTERFACE_NAME) {
                        context.error(line.location(), "invalid label '" + value + "': must be at most "
                                + Values.MAX_INTERFACE_NAME + " characters");
                        return;
                    } else {
                        label = Optional.of(value);
                    }
                }
                default -> {
                    if (VipOptions.known(option)) {
                        options.read(option, takesValue ? words.get(++index) : null);
                    } else {
                        context.warning(line.location(), "unknown virtual_ipaddress option '" + option + "'"
                                + KeywordSuggester.closest(option, ALL_OPTIONS)
                                        .map(s -> " \u2014 did you mean '" + s + "'?").orElse("")
                                + "; ignored");
                    }
                }
            }
        }
        Optional<String> normalisedOptions = options.normalised();
        if (normalisedOptions.isEmpty()) {
            return;
        }
        instance.vips.add(new VipDef(AddressText.canonical(address.get()), family, options.prefixLength(), device,
                label, line.location(), normalisedOptions.get(), options.useVmac()));
    }
}
