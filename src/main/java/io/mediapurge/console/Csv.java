package io.mediapurge.console;

/** One CSV field (RFC 4180), safe to open in a spreadsheet: a value that would start a formula is prefixed with a quote. */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
