package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.step.Check;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** validate's listing: by file, then by rule in order of first appearance, the first 20 rows of a rule, then a count. */
class ValidateOutputTest {

    @Test
    void showsTheFirstTwentyRowsOfEachRuleAndHowManyMore() {
        List<Check.Problem> problems = new ArrayList<>();
        for (int line = 2; line <= 26; line++) {
            problems.add(new Check.Problem("users.csv", String.valueOf(line), "INVALID_USERNAME", "bad name " + line));
        }
        problems.add(new Check.Problem("users.csv", "30", "MISSING_PASSWORD", "password is empty"));
        problems.add(new Check.Problem("rosters.csv", "7", "SELF_EDGE", "a user cannot be their own friend (L1)"));
        StringWriter text = new StringWriter();

        ValidateCommand.print(problems, new PrintWriter(text, true));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("users.csv: 26 row(s) would be rejected");
        assertThat(lines.get(1)).isEqualTo("  INVALID_USERNAME: 25 row(s)");
        assertThat(lines.subList(2, 22)).allSatisfy(line -> assertThat(line).startsWith("    line "));
        assertThat(lines.get(21)).isEqualTo("    line 21: bad name 21");
        assertThat(lines.get(22)).isEqualTo("    ... and 5 more");
        assertThat(lines.subList(23, lines.size())).containsExactly("  MISSING_PASSWORD: 1 row(s)", "    line 30: password is empty",
                "rosters.csv: 1 row(s) would be rejected", "  SELF_EDGE: 1 row(s)", "    line 7: a user cannot be their own friend (L1)");
    }
}
