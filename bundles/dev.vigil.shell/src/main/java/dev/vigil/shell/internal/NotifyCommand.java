package dev.vigil.shell.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vrrp:notify [--json]}: notifiers and state-change listeners. A {@link Function} because
 * Gogo resolves a method named {@code notify} to {@code Object.notify()}.
 */
@Component(service = Function.class, immediate = true, property = {
        "osgi.command.scope=vrrp", "osgi.command.function=notify"})
public class NotifyCommand implements Function {

    private final VrrpCommands commands;

    @Activate
    public NotifyCommand(@Reference VrrpCommands commands) {
        this.commands = commands;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        boolean json = false;
        for (Object a : arguments) {
            String s = String.valueOf(a);
            if (s.equals("--json")) {
                json = true;
            } else if (s.equals("--help") || s.equals("-h")) {
                return "vrrp:notify [--json]: notifiers (their queues and counters) and state-change listeners";
            } else {
                throw new IllegalArgumentException("vrrp:notify takes only --json, not '" + s + "'");
            }
        }
        return commands.notifiers(json);
    }
}
