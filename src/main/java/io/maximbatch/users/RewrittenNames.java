package io.maximbatch.users;

import io.maximbatch.users.ledger.UsernameLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.PrivateFiles;
import io.maximbatch.report.RejectReport;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.source.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * `usernames: rewrite` in a run and in a rehearsal: the `<step>-usernames` step that decides every name into the job
 * database (UsernameAssignment) and writes the rewrite report, and the rows the users and attributes steps then read,
 * with their planned names. A rehearsal (validate, dry run, reconcile's expectations) decides the same in memory.
 */
@Component
final class RewrittenNames {

    private final UsernameLedger plan;
    private final UserMap userMap;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final Path reportsDir;

    RewrittenNames(UsernameLedger plan, UserMap userMap, ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls,
                   @Value("${maxim.reports-dir:./reports}") Path reportsDir) {
        this.plan = plan;
        this.userMap = userMap;
        this.client = client;
        this.calls = calls;
        this.reportsDir = reportsDir;
    }

    static String stepName(String name) {
        return name + "-usernames";
    }

    /** The `<step>-usernames` step's work: the run's plan, decided again from the start, and its report. */
    Tasklet planStep(String job, Supplier<ItemStreamReader<SourceRecord>> source, Function<SourceRecord, UserRow> rows) {
        return new UsernamePlanTasklet(source, rows, instance -> {
            plan.clear(instance);
            return new InDatabase(instance);
        }, step -> report(job, step));
    }

    private void report(String job, StepExecution step) {
        long instance = step.getJobExecution().getJobInstance().getInstanceId();
        Path report = reportsDir.resolve(job + "-usernames-" + instance + ".csv");
        try (Writer out = PrivateFiles.writer(report)) {
            out.write("legacy_id,legacy_username,username\n");
            plan.eachRewritten(instance, planned -> {
                try {
                    out.write(String.join(",", csv(planned.legacyId()), csv(planned.legacyUsername()), csv(planned.username())) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        step.getExecutionContext().putString(StepOutcomes.SUMMARY,
                StepOutcomes.of(step).written() + " usernames MaxIM would refuse rewritten; legacy -> new names in " + report);
    }

    /** A run's rows: a name MaxIM refuses becomes the one its run's plan gave it (none planned: the row as it is). */
    Function<SourceRecord, UserRow> inRun(Function<SourceRecord, UserRow> rows) {
        return record -> {
            UserRow row = rows.apply(record);
            if (row.legacyId() == null || row.username() == null || UsernameRewrite.unchanged(row.username())) {
                return row;
            }
            StepContext step = StepSynchronizationManager.getContext();
            return step == null ? row : row.rewrittenTo(plan.rewrittenFor(step.getStepExecution().getJobExecution().getJobInstance()
                    .getInstanceId(), row.legacyId()));
        };
    }

    /** A rehearsal's names, decided now in memory (withIdMap: also against the ID map and MaxIM's names, read-only). */
    UsernameAssignment.InMemory rehearse(Supplier<ItemStreamReader<SourceRecord>> source, Function<SourceRecord, UserRow> rows,
                                         boolean withIdMap) {
        UsernameAssignment.InMemory names = withIdMap
                ? new UsernameAssignment.InMemory(this::mappedName, this::mapped, this::inMaxim)
                : UsernameAssignment.InMemory.alone();
        UsernameAssignment.assign(source, rows, names);
        return names;
    }

    /** A rehearsal's rows with the names it decided. */
    static Function<SourceRecord, UserRow> rehearsed(Function<SourceRecord, UserRow> rows, UsernameAssignment.InMemory names) {
        return record -> {
            UserRow row = rows.apply(record);
            return row.legacyId() == null ? row : row.rewrittenTo(names.nameOf(row.legacyId()));
        };
    }

    private boolean mapped(String username) {
        return !userMap.findByUsernames(List.of(username)).isEmpty();
    }

    /** Which of the names MaxIM has: one look-up per name (the API has no batch look-up), all at once, at the rate. */
    private Set<String> inMaxim(Collection<String> usernames) {
        List<String> names = List.copyOf(usernames);
        List<Boolean> found = calls.getObject().valuesOfAll(names.stream()
                .<Callable<Boolean>>map(name -> () -> client.getObject().findUser(name).isPresent()).toList());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (found.get(i)) {
                taken.add(names.get(i));
            }
        }
        return taken;
    }

    private String mappedName(String legacyId) {
        UserMapping mapping = userMap.findByLegacyIds(List.of(legacyId)).get(legacyId);
        return mapping == null ? null : mapping.username();
    }

    private static String csv(String value) {
        String safe = RejectReport.neutralise(value);
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** A run's names: its plan in the job database, the ID map, and MaxIM (a name MaxIM has that we did not create). */
    private final class InDatabase implements UsernameAssignment.Names {

        private final long instance;

        InDatabase(long instance) {
            this.instance = instance;
        }

        @Override
        public void takeUnchanged(Map<String, String> legacyIdByName) {
            plan.takeAll(instance, legacyIdByName.entrySet().stream()
                    .map(name -> new UsernameLedger.Planned(name.getKey(), name.getValue(), name.getKey(), false)).toList());
        }

        @Override
        public String earlier(String legacyId) {
            return mappedName(legacyId);
        }

        @Override
        public boolean hasRewritten(String legacyId) {
            return plan.rewrittenFor(instance, legacyId) != null;
        }

        @Override
        public boolean takenHere(String username) {
            return plan.taken(instance, username) || mapped(username);
        }

        @Override
        public Set<String> inMaxim(Collection<String> usernames) {
            return RewrittenNames.this.inMaxim(usernames);
        }

        @Override
        public int nextSuffix(String base) {
            return plan.nextSuffix(instance, base);
        }

        @Override
        public void suffixesUsed(Map<String, Integer> next) {
            plan.suffixesUsed(instance, next);
        }

        @Override
        public void takeRewritten(String username, String legacyId, String legacyUsername) {
            plan.take(instance, new UsernameLedger.Planned(username, legacyId, legacyUsername, true));
        }
    }
}
