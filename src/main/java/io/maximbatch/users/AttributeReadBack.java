package io.maximbatch.users;

import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.maxim.MaximModel.UserProfile;
import io.maximbatch.maxim.PagedLists;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether MaxIM already holds an attribute's value, asked before a value whose earlier call may have been carried out
 * is sent again (tags: all bound, and none of those the change unbinds; the disabled flag: /user/list's status). MaxIM
 * offers no read of an alias: that is sent again (the same value again changes nothing).
 */
final class AttributeReadBack {

    private static final String ABSENT = "\u0000";

    private AttributeReadBack() {
    }

    static boolean shows(MaximClient client, AttributeChange change) {
        return switch (change.attribute()) {
            case PROFILE -> {
                UserProfile profile = client.profile(change.userId());
                String[] parts = change.value().split("\u001f", -1);
                List<String> held = java.util.Arrays.asList(profile.nickName(), profile.description(), profile.publicInfo(), profile.privateInfo());
                boolean all = true;
                for (int i = 0; i < parts.length; i++) {
                    all &= parts[i].equals(ABSENT) || Objects.equals(parts[i], held.get(i));
                }
                yield all;
            }
            // An uploaded picture is shown by the URL an earlier attempt set (kept in the ledger), if any.
            case AVATAR -> (change.picture() == null ? change.value() : change.sentUrl()) != null
                    && (change.picture() == null ? change.value() : change.sentUrl()).equals(client.profile(change.userId()).avatar());
            case TAGS -> {
                List<String> held = client.tags(change.userId());
                yield held.containsAll(AccountAttribute.tags(change.value())) && change.tagsToUnbind().stream().noneMatch(held::contains);
            }
            case DISABLED -> !shown(client, List.of(change)).isEmpty();
            case ALIAS -> false;
        };
    }

    /** Those of the changes MaxIM shows already; the disabled flags of all of them read in one pass over /user/list. */
    static Set<AttributeChange> shown(MaximClient client, List<AttributeChange> changes) {
        List<AttributeChange> flags = changes.stream().filter(c -> c.attribute() == AccountAttribute.DISABLED).toList();
        Map<Long, UserInfo> listed = flags.isEmpty() ? Map.of() : PagedLists.users(client, flags.stream().map(AttributeChange::userId).toList());
        Set<AttributeChange> shown = new HashSet<>();
        for (AttributeChange change : changes) {
            UserInfo user = listed.get(change.userId());
            if (change.attribute() == AccountAttribute.DISABLED ? user != null && user.status() != null
                    && change.value().equals(String.valueOf(user.disabled())) : shows(client, change)) {
                shown.add(change);
            }
        }
        return shown;
    }
}
