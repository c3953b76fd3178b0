package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A failure of ours answers one generic line; neither the answer nor the log quotes the values of the request. */
@ExtendWith(OutputCaptureExtension.class)
class AdminErrorsTest {

    private static final String VALUE = "county-" + "v".repeat(2990);

    @Test
    void anUnexpectedFailureAnswersAGenericLineAndLogsOnlyTheTypesOfItsCauses(CapturedOutput output) {
        var failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT INTO BATCH_JOB_EXECUTION_PARAMS"
                + " VALUES (?, ?)]; Value too long for column STRING_VAL: '" + VALUE + "'",
                new SQLException("Value too long for column \"STRING_VAL CHARACTER VARYING(2500)\": \"'" + VALUE + "'\""));

        ProblemDetail answer = new AdminErrors().unexpected(failure);

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(answer.getDetail()).matches("the request failed on the server \\(incident [0-9a-z]+; see the serve log\\)");
        String incident = answer.getDetail().replaceAll(".*incident ([0-9a-z]+).*", "$1");
        assertThat(output.getOut()).contains("incident " + incident, DataIntegrityViolationException.class.getName(),
                SQLException.class.getName()).doesNotContain("vvvv").doesNotContain("INSERT");
    }

    @Test
    void ourOwnServerErrorsAreAnsweredGenericallyToo(CapturedOutput output) {
        ProblemDetail answer = new AdminErrors().problem(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "users could not be started",
                new IllegalStateException("SQL with '" + VALUE + "'")));

        assertThat(answer.getDetail()).startsWith("the request failed on the server").doesNotContain("vvvv");
        assertThat(output.getOut()).contains("users could not be started <- java.lang.IllegalStateException").doesNotContain("vvvv");
        assertThat(new AdminErrors().problem(ApiProblem.conflict("a conflict")).getDetail()).isEqualTo("a conflict");
    }
}
