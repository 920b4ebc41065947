package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.VipDef;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the keyword rules fill in while a file is read. Every value keeps the line it came from;
 * {@link ConfigResolver} turns these into the immutable model once the whole file is known
 * (keepalived too applies {@code global_defs} to instances only after reading everything).
 */
final class Builders {

    private Builders() {
    }

    static final class Config {
        final Global global = new Global();
        final List<Script> scripts = new ArrayList<>();
        final List<Instance> instances = new ArrayList<>();

        Global global(SourceLocation location) {
            if (global.location == null) {
                global.location = location;
            }
            return global;
        }

        Script script(Located<String> name) {
            Script script = new Script(name);
            scripts.add(script);
            return script;
        }

        Instance instance(Located<String> name) {
            Instance instance = new Instance(name);
            instances.add(instance);
            return instance;
        }
    }

    static final class Global {
        SourceLocation location;
        Located<String> routerId;
        Located<Integer> vrrpVersion;
        Located<InetAddress> vrrpMcastGroup4;
        final List<String> notificationEmails = new ArrayList<>();
        Located<String> notificationEmailFrom;
        Located<List<String>> smtpServer;
        Located<Integer> smtpConnectTimeout;
        Located<Boolean> smtpAlert;
    }

    static final class Script {
        final Located<String> name;
        Located<List<String>> script;
        Located<BigDecimal> interval;
        Located<BigDecimal> timeout;
        Located<Integer> weight;
        boolean weightReverse;
        Located<Integer> rise;
        Located<Integer> fall;
        Located<List<String>> user;

        Script(Located<String> name) {
            this.name = name;
        }
    }

    static final class Instance {
        final Located<String> name;
        Located<String> state;
        Located<String> interfaceName;
        Located<Integer> virtualRouterId;
        Located<Integer> priority;
        Located<BigDecimal> advertInt;
        Located<Integer> version;
        Located<Boolean> nopreempt;
        Located<BigDecimal> preemptDelay;
        Authentication authentication;
        final List<VipDef> vips = new ArrayList<>();
        Located<InetAddress> sourceAddress;
        String sourceAddressKeyword;
        boolean unicastConfigured;
        final List<Located<InetAddress>> unicastPeers = new ArrayList<>();
        Located<Integer> garpMasterDelay;
        Located<Integer> garpMasterRepeat;
        Located<Integer> garpMasterRefresh;
        Located<Integer> garpMasterRefreshRepeat;
        final List<TrackScriptRef> trackScripts = new ArrayList<>();
        Located<Boolean> smtpAlert;
        final Map<String, Located<String>> notifyScripts = new LinkedHashMap<>();

        Instance(Located<String> name) {
            this.name = name;
        }

        Authentication authentication(SourceLocation location) {
            if (authentication == null) {
                authentication = new Authentication(location);
            }
            return authentication;
        }
    }

    static final class Authentication {
        final SourceLocation location;
        Located<String> type;
        Located<String> password;

        Authentication(SourceLocation location) {
            this.location = location;
        }
    }
}
