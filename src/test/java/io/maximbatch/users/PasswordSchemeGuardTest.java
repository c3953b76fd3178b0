package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** A resumed registration keeps the password scheme it began with. */
class PasswordSchemeGuardTest {

    private final List<String> opened = new ArrayList<>();
    private final ItemStreamReader<SourceRecord> rows = new ItemStreamReader<>() {
        @Override
        public SourceRecord read() {
            return null;
        }

        @Override
        public void open(ExecutionContext context) {
            opened.add("rows");
        }
    };

    @Test
    void aRunRecordsItsSchemeAndAResumeWithAnotherOneStopsBeforeReading() {
        ExecutionContext context = new ExecutionContext();
        new PasswordSchemeGuard(rows, PasswordScheme.V0).open(context);
        new PasswordSchemeGuard(rows, PasswordScheme.V0).update(context);
        assertThat(context.getString(PasswordSchemeGuard.SCHEME)).isEqualTo("v0");

        assertThatThrownBy(() -> new PasswordSchemeGuard(rows, PasswordScheme.V1).open(context)).isInstanceOf(ItemStreamException.class)
                .hasMessage("this run began deriving passwords with password-scheme v0 and the job file now says v1: put"
                        + " password-scheme: v0 back to resume it (its first users already have v0 passwords, and a login service"
                        + " knows one scheme per user)");
        assertThat(opened).as("the source is not opened").hasSize(1);

        new PasswordSchemeGuard(rows, PasswordScheme.V0).open(context);
        assertThat(opened).hasSize(2);
    }

    @Test
    void aRunThatAVersionWithoutSchemesLeftDerivedV0() {
        ExecutionContext left = new ExecutionContext();
        // What that version's users step saved after its chunks: the source's position, no scheme.
        left.putLong("csv-source.read.count", 40);

        assertThatThrownBy(() -> new PasswordSchemeGuard(rows, PasswordScheme.V1).open(left)).isInstanceOf(ItemStreamException.class)
                .hasMessageContaining("without password schemes").hasMessageContaining("add password-scheme: v0");
        new PasswordSchemeGuard(rows, PasswordScheme.V0).open(left);
        assertThat(left.getString(PasswordSchemeGuard.SCHEME)).isEqualTo("v0");
    }

    @Test
    void aFreshRunAndARunThatDerivedNothingTakeAnyScheme() {
        ExecutionContext fresh = new ExecutionContext();
        fresh.putLong("maxim.written", 0);
        new PasswordSchemeGuard(rows, PasswordScheme.V1).open(fresh);
        assertThat(fresh.getString(PasswordSchemeGuard.SCHEME)).isEqualTo("v1");

        ExecutionContext columnPasswords = new ExecutionContext();
        new PasswordSchemeGuard(rows, null).open(columnPasswords);
        columnPasswords.putLong("csv-source.read.count", 40);
        new PasswordSchemeGuard(rows, PasswordScheme.V1).open(columnPasswords);
        assertThat(columnPasswords.getString(PasswordSchemeGuard.SCHEME)).isEqualTo("v1");
    }
}
