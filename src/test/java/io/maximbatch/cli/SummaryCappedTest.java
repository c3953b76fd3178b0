package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.report.StepOutcomes;
import org.junit.jupiter.api.Test;

/** A campaign step's summary line counts the targets its frequency cap skipped and names their report, apart from the rejects. */
class SummaryCappedTest {

    @Test
    void aCampaignStepsLineCountsItsCappedAndNamesTheCappedReport() {
        StepOutcomes news = new StepOutcomes("news", "COMPLETED", 16, 8, 0, 0, 0, 0, 0, null, null, 8, "rejects/b-7-news-capped.csv");

        assertThat(Summary.line(news)).isEqualTo("Step news: COMPLETED  read 16, written 8, updated 0, already done 0, rejected 0,"
                + " filtered 0, capped 8 (frequency cap reached)  (capped: rejects/b-7-news-capped.csv)");
        assertThat(Summary.line(new StepOutcomes("users", "COMPLETED", 3, 3, 0, 0, 0, 0, 0, null, null, 0, null)))
                .as("no capped, no mention").isEqualTo("Step users: COMPLETED  read 3, written 3, updated 0, already done 0, rejected 0, filtered 0");
    }
}
