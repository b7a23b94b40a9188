package io.mediapurge.devservices;

/** A tiny writer for the flat XML documents OSS answers with. */
final class XmlText {

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    XmlText open(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    XmlText close(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    XmlText element(String element, Object text) {
        if (text == null) {
            return this;
        }
        return open(element).text(String.valueOf(text)).close(element);
    }

    private XmlText text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 cannot carry most control characters even escaped; keys holding them
                    // are listed URL-encoded when the client asks for encoding-type=url.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
