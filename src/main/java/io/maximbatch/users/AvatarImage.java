package io.maximbatch.users;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A picture a users row gives as bytes (avatar_base64 or avatar_file, a vCard's PHOTO/BINVAL), to upload: at most
 * 5 MB and PNG, JPEG or GIF by its first bytes; type: the row's, else the one its bytes show.
 */
record AvatarImage(byte[] bytes, String type, String digest) {

    /** MaxIM's limit for an avatar. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = "GIF87a".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The picture, or why it cannot be an avatar (unusable, then image is null). */
    record Loaded(AvatarImage image, String unusable) {
    }

    private static Loaded unusable(String why) {
        return new Loaded(null, why);
    }

    /** The canonical value the ledger records it by: the hash of its bytes, so that the same bytes are never uploaded twice. */
    String value() {
        return "upload:" + digest;
    }

    /** From base64 (line breaks and spaces allowed, as vCards fold BINVAL) or a file; type may be null. */
    static Loaded load(String base64, String file, String type) {
        if (base64 != null) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                return unusable("avatar_base64 is not base64");
            }
            return check(bytes, type);
        }
        return fromFile(Path.of(file), type);
    }

    private static Loaded fromFile(Path path, String type) {
        try (InputStream in = Files.newInputStream(path)) {
            // One byte past the limit tells an oversized file without reading it all.
            return check(in.readNBytes(MAX_BYTES + 1), type);
        } catch (NoSuchFileException e) {
            return unusable("avatar_file " + path + " does not exist");
        } catch (IOException e) {
            return unusable("avatar_file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The bytes as an avatar: at most 5 MB, PNG, JPEG or GIF by their magic numbers. */
    static Loaded check(byte[] bytes, String type) {
        if (bytes.length > MAX_BYTES) {
            return unusable("the picture is over 5 MB");
        }
        String shown = startsWith(bytes, PNG) ? "image/png" : startsWith(bytes, JPEG) ? "image/jpeg"
                : startsWith(bytes, GIF87) || startsWith(bytes, GIF89) ? "image/gif" : null;
        if (shown == null) {
            return unusable("the picture is not PNG, JPEG or GIF (by its first bytes)");
        }
        String declared = type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT);
        return new Loaded(new AvatarImage(bytes, declared == null ? shown : declared, sha256(bytes)), null);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvatarImage image && image.digest.equals(digest) && image.type.equals(type);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "AvatarImage[" + type + ", " + bytes.length + " bytes, " + digest + "]";
    }
}
