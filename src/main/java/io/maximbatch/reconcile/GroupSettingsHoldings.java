package io.maximbatch.reconcile;

import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.GroupAnnouncements;
import io.maximbatch.maxim.GroupSettingsRead;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.reconcile.Expected.GroupSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * Compares the groups' settings (GET /group/settings as the owner: one call a group that has a setting to check) and
 * announcements (GET /group/announcement/last as the owner: one call a group that has one) with the sources'.
 */
@Component
class GroupSettingsHoldings {

    private final HoldingsReads deps;

    GroupSettingsHoldings(HoldingsReads deps) {
        this.deps = deps;
    }

    /** Only groups MaxIM has as far as we know are compared: a missing group is reported by the groups check. */
    void groups(Map<String, GroupSettings> expected, List<Discrepancy> found) {
        Map<String, GroupMapping> groups = deps.groupMap().find(expected.keySet());
        MaximClient client = deps.client().getObject();
        List<Callable<Void>> tasks = new ArrayList<>();
        expected.forEach((legacyGroup, wanted) -> {
            GroupMapping group = groups.get(legacyGroup);
            if (group == null || !group.exists()) {
                return;
            }
            String maxim = String.valueOf(group.groupId());
            tasks.add(() -> {
                if (!wanted.settings().isEmpty()) {
                    GroupSettingsRead.Held held = GroupSettingsRead.of(client, group.ownerUserId(), group.groupId());
                    new TreeMap<>(wanted.settings()).forEach((setting, on) -> {
                        Boolean actual = held.setting(setting);
                        if (!on.equals(actual)) {
                            found.add(new Discrepancy(Kind.SETTING_DIFFERS, legacyGroup + " / " + setting, maxim + " / " + setting,
                                    "expected " + on + ", MaxIM has " + (actual == null ? "no such value" : actual)));
                        }
                    });
                }
                // Titled with the group's name as it was created, as the groups step announces it.
                if (wanted.announcement() != null
                        && !GroupAnnouncements.isLatest(client, group.ownerUserId(), group.groupId(), group.name(), wanted.announcement())) {
                    found.add(new Discrepancy(Kind.MISSING_ANNOUNCEMENT, legacyGroup, maxim,
                            "the latest announcement is not \"" + wanted.announcement() + "\""));
                }
                return null;
            });
        });
        deps.calls().getObject().valuesOfAll(tasks);
    }
}
