package io.capsa.oci.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A regular expression a string value must contain a match for, copied from the schema. As in JSON
 * Schema the expression is not implicitly anchored; the spec's expressions anchor themselves.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Pattern {
  String value();
}
