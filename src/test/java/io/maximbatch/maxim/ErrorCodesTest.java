package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each expectation is copied from the MaxIM API documentation's table of codes, not derived from ErrorCodes. */
class ErrorCodesTest {

    @ParameterizedTest(name = "code {0} ({2}) -> {1}")
    @CsvSource({
            "10000, REJECTED,     user does not exist",
            "10001, REJECTED,     incorrect verification code",
            "10002, REJECTED,     incorrect request parameter",
            "10003, FATAL,        missing access-token",
            "10004, ALREADY_DONE, user already exists",
            "10005, ALREADY_DONE, already in friend list",
            "10006, REJECTED,     user in blacklist",
            "10007, REJECTED,     friend does not exist or expired",
            "10008, FATAL,        invalid access-token",
            "10009, RETRYABLE,    oss exception",
            "10010, REJECTED,     no permission",
            "10011, REJECTED,     user_id bound",
            "10012, REJECTED,     user rejected friend request",
            "11011, ALREADY_DONE, username taken (treat like 10004)",
            "12001, FATAL,        push image problem",
            "12002, FATAL,        push image problem",
            "12003, FATAL,        push image problem",
            "12004, FATAL,        push image problem",
            // The API documentation: 'a bug in maxim-batch: batches must never exceed 500' - the job must stop, not reject.
            "12005, FATAL,        push target list over 500",
            "12006, FATAL,        push not enabled for the app",
            "20000, RETRYABLE,    server database exception",
            "20001, REJECTED,     group does not exist",
            "20002, REJECTED,     user is not a group member",
            "20004, REJECTED,     owner cannot quit",
            "20005, REJECTED,     transferee not a member",
            "20006, RETRYABLE,    group in repair mode",
            "20007, REJECTED,     count limit exceeded",
            "20008, REJECTED,     count limit exceeded",
            "20009, REJECTED,     count limit exceeded",
            "20010, REJECTED,     count limit exceeded",
            "20011, REJECTED,     member permission needed",
            "20012, REJECTED,     admin permission needed",
            "20013, REJECTED,     owner permission needed",
            "20014, REJECTED,     application expired or processed",
            "20015, REJECTED,     invitation expired or processed",
            "20016, REJECTED,     kicked out too often",
            "20017, ALREADY_DONE, already a group member",
            "20018, REJECTED,     user in group blacklist",
            "20020, REJECTED,     announcement problem",
            "20021, REJECTED,     announcement problem",
            "20022, REJECTED,     shared file problem",
            "20023, REJECTED,     shared file problem",
            "20024, REJECTED,     QR code problem",
            "20025, REJECTED,     QR code problem",
            "30021, FATAL,        licence invalid",
            "30022, FATAL,        licence expired",
            "30023, FATAL,        licence limit exceeded",
            "40000, FATAL,        app_id does not exist",
            "40001, FATAL,        registration closed",
            "40002, FATAL,        app user cap",
            "40003, FATAL,        app status abnormal",
    })
    void classifiesEveryDocumentedCodeAsTheReadmeSays(int code, ErrorClass expected, String meaning) {
        assertThat(ErrorCodes.ofCode(code)).as("%d %s", code, meaning).isEqualTo(expected);
    }

    @Test
    void code200IsSuccess() {
        assertThat(ErrorCodes.ofCode(200)).isEqualTo(ErrorClass.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10013, 20003, 20019, 99999, -1})
    void unknownCodeRejectsTheRecord(int code) {
        assertThat(ErrorCodes.ofCode(code)).isEqualTo(ErrorClass.REJECTED);
    }

    @Test
    void http200IsSuccess() {
        assertThat(ErrorCodes.ofHttpStatus(200)).isEqualTo(ErrorClass.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void slowDownAndServerErrorStatusesAreRetryable(int status) {
        assertThat(ErrorCodes.ofHttpStatus(status)).isEqualTo(ErrorClass.RETRYABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 413})
    void otherClientErrorsAreFatal(int status) {
        assertThat(ErrorCodes.ofHttpStatus(status)).isEqualTo(ErrorClass.FATAL);
    }
}
