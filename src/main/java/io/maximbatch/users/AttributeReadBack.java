package io.maximbatch.users;

import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.UserProfile;
import java.util.List;
import java.util.Objects;

/**
 * Whether MaxIM already holds an attribute's value, asked before a value whose earlier call may have been carried out
 * is sent again (tags: all bound, and none of those the change unbinds). MaxIM offers no read of an alias or of a
 * disabled flag: those are sent again (the same value again changes nothing).
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
            case AVATAR -> change.value().equals(client.profile(change.userId()).avatar());
            case TAGS -> {
                List<String> held = client.tags(change.userId());
                yield held.containsAll(AccountAttribute.tags(change.value())) && change.tagsToUnbind().stream().noneMatch(held::contains);
            }
            case ALIAS, DISABLED -> false;
        };
    }
}
