package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Optional;

/**
 * The lines of a {@code ~SEQ}/{@code ~LST}: its text once per value set, each with the
 * variables defined just before the line is handed out. The preprocessor reads each such line
 * to its end (nested replications, multi-line definitions) before asking for the next one, so
 * nesting replicates as nested loops do.
 */
final class ReplicatedLines implements LineSource {

    private final Replication replication;
    private final SourceLocation at;
    private final Definitions definitions;
    private long next;

    ReplicatedLines(Replication replication, SourceLocation at, Definitions definitions) {
        this.replication = replication;
        this.at = at;
        this.definitions = definitions;
    }

    @Override
    public Optional<SourceLine> next() {
        if (next >= replication.count()) {
            return Optional.empty();
        }
        List<String> values = replication.values().apply(next++);
        StringBuilder step = new StringBuilder(replication.keyword());
        for (int i = 0; i < replication.variables().size(); i++) {
            String variable = replication.variables().get(i);
            definitions.define(new Definition(variable, List.of(new SourceLine(at, values.get(i)))));
            step.append(" ").append(variable).append('=').append(values.get(i));
        }
        return Optional.of(new SourceLine(at.expandedBy(step.toString()), replication.text()));
    }
}
