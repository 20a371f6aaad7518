package io.wirelab.wire.http;

import java.util.Objects;

/** One header or trailer field line: field-name ":" OWS field-value OWS (RFC 9112 §5). */
public record HttpField(String name, String value) {
    public HttpField {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        if (!HttpSyntax.isToken(name)) throw new IllegalArgumentException("field name is not a token: " + name);
        for (int i = 0; i < value.length(); i++)
            if (!HttpSyntax.isFieldValueChar(value.charAt(i)))
                throw new IllegalArgumentException("field value char 0x" + Integer.toHexString(value.charAt(i)));
    }
}
