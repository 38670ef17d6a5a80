package io.capsa.oci.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON member name of a record component, or the JSON string of an enum constant, where it
 * differs from the Java name (a Java keyword such as {@code class}, or a spec spelling such as
 * {@code containerID}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface JsonName {
  String value();
}
