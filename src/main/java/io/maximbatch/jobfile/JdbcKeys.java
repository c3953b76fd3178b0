package io.maximbatch.jobfile;

import jakarta.validation.constraints.NotBlank;

/** A database source's keys; its password is read from the environment variable password-env names, never from the file. */
public record JdbcKeys(@NotBlank(message = SettingsBinder.MISSING_TEXT) String url, String username, String passwordEnv,
                       @NotBlank(message = SettingsBinder.MISSING_TEXT) String query,
                       @NotBlank(message = SettingsBinder.MISSING_TEXT) String sortKey) {
}
