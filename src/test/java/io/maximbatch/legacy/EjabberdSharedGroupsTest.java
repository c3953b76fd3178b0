package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.source.SourceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ejabberd shared roster group's name, by the contract: the label in its options, else their name, else its id. */
class EjabberdSharedGroupsTest {

    private static final SourceRecord.Columns GROUP = new SourceRecord.Columns(EjabberdSharedGroups.COLUMNS,
            Map.of("legacy_group_id", 0, "name", 1, "owner_legacy_id", 2, "opts", 3, "reject_code", 4, "reject_reason", 5));

    private static SourceRecord group(String id, String opts) {
        return EjabberdSharedGroups.group(new SourceRecord("legacy_group_id=shared:" + id, GROUP,
                new String[] {"shared:" + id, id, "anna", opts, null, null}, null));
    }

    @Test
    void theLabelNamesTheGroupElseTheNameElseItsId() {
        assertThat(group("eng", "[{name,<<\"Engineering\">>},{label,<<\"Eng Team\">>}]").get("name")).isEqualTo("Eng Team");
        assertThat(group("eng", "[{label,<<>>},{name,<<\"Engineering\">>},{displayed_groups,[<<\"eng\">>]}]").get("name"))
                .as("an empty label is no label").isEqualTo("Engineering");
        assertThat(group("eng", "[{label,<<208,148,209,131,209,141,209,130>>}]").get("name")).as("UTF-8 bytes").isEqualTo("Дуэт");
        assertThat(group("all staff", "[{description,<<\"everyone\">>}]").get("name")).isEqualTo("all staff");
        assertThat(group("all staff", "[]").get("owner_legacy_id")).as("the other columns as read").isEqualTo("anna");
    }

    @Test
    void optionsThatCannotBeReadRejectTheGroup() {
        SourceRecord group = group("eng", "[{label,<<\"Eng");

        assertThat(List.of(group.get("name"), group.get("reject_code"))).containsExactly("eng", "UNREADABLE_OPTS");
        assertThat(group.get("reject_reason")).startsWith("the shared group's options (opts) cannot be read: ");
    }
}
