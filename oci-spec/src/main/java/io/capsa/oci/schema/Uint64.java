package io.capsa.oci.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema's {@code uint64}, from 0 to 18446744073709551615, carried in the 64 bits of a {@code
 * long}: values above {@link Long#MAX_VALUE} read as negative longs. Java has no unsigned long, and
 * the kernel takes these values as raw 64-bit words (rlimits, seccomp arguments), so the bits are
 * what callers need; format them with {@link Long#toUnsignedString(long)} and compare them with
 * {@link Long#compareUnsigned(long, long)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Uint64 {}
