package io.maximbatch.users;

import java.util.LinkedHashMap;

/** One user to register, as read; asRead has the password redacted and is what a reject report shows. */
record UserRow(String line, String legacyId, String username, String password, String nickname,
               LinkedHashMap<String, String> asRead) {

    @Override
    public String toString() {
        return "UserRow[line=" + line + ", legacyId=" + legacyId + ", username=" + username + "]";
    }
}
