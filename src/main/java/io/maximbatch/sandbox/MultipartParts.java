package io.maximbatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a multipart/form-data body (RFC 7578) by field name, as object storage reads a POST upload. */
final class MultipartParts {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)content-disposition:[^\\r\\n]*\\bname=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("(?i)content-type:\\s*([^\\r\\n]+)");

    record Part(byte[] bytes, String contentType) {
    }

    private MultipartParts() {
    }

    /** The parts; none when the Content-Type names no boundary. */
    static Map<String, Part> parse(String contentType, byte[] body) {
        Map<String, Part> parts = new LinkedHashMap<>();
        Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundary == null || !contentType.toLowerCase().startsWith("multipart/form-data") || !boundary.find()) {
            return parts;
        }
        byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 > body.length || (body[start] == '-' && body[start + 1] == '-')) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            int next = indexOf(body, ("\r\n--" + boundary.group(1)).getBytes(StandardCharsets.US_ASCII), start);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            Matcher name = NAME.matcher(headers);
            Matcher type = TYPE.matcher(headers);
            if (name.find()) {
                parts.put(name.group(1), new Part(Arrays.copyOfRange(body, headersEnd + 4, next), type.find() ? type.group(1).strip() : null));
            }
            at = next + 2;
        }
        return parts;
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
