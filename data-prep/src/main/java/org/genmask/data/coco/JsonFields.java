package org.genmask.data.coco;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of one JSON object's fields, failing with one-line messages that start with {@code where} (the file and
 * the record, e.g. "refs.json: ref 7") and name the field.
 *
 * @param where the message prefix
 * @param node  the JSON object
 */
record JsonFields(String where, JsonNode node) {

    JsonFields {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
    }

    /** A present, non-null field. */
    JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": " + field + ": missing");
        }
        return v;
    }

    /** A whole number (ids; 9.001002844e+11 style floats with whole values pass, as Python reads them). */
    long id(String field) {
        JsonNode v = require(field);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 0x1p53) {
            return (long) v.asDouble();
        }
        throw new IllegalArgumentException(where + ": " + field + ": expected a whole number, got " + v);
    }

    /** A whole number &gt;= 1 that fits an int (image sizes). */
    int positiveInt(String field) {
        long v = id(field);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": " + field + ": expected a size >= 1, got " + v);
        }
        return (int) v;
    }

    /** A non-blank string. */
    String text(String field) {
        JsonNode v = require(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + field + ": expected a non-empty string, got " + v);
        }
        return v.asText();
    }

    /** An array (possibly empty). */
    JsonNode array(String field) {
        JsonNode v = require(field);
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": " + field + ": expected a list, got " + v.getNodeType());
        }
        return v;
    }
}
