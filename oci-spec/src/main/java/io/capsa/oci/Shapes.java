package io.capsa.oci;

import io.capsa.oci.schema.MinItems;
import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the shape of a record component from its Java type and the schema annotations on it. */
final class Shapes {
  private Shapes() {}

  static Shape of(AnnotatedType type) {
    if (type instanceof AnnotatedParameterizedType parameterized) {
      return ofCollection(parameterized);
    }
    Class<?> raw = (Class<?>) type.getType();
    if (raw == String.class) {
      Pattern pattern = type.getAnnotation(Pattern.class);
      return pattern == null ? TextShape.ANY : TextShape.matching(pattern.value());
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return BooleanShape.INSTANCE;
    }
    if (raw == Integer.class || raw == int.class) {
      Range range = range(type);
      return range == null
          ? IntegerShape.ofInt(Integer.MIN_VALUE, Integer.MAX_VALUE)
          : IntegerShape.ofInt(range.min(), range.max());
    }
    if (raw == Long.class || raw == long.class) {
      if (type.isAnnotationPresent(Uint64.class)) {
        return IntegerShape.ofUint64();
      }
      Range range = range(type);
      return range == null
          ? IntegerShape.ofLong(Long.MIN_VALUE, Long.MAX_VALUE)
          : IntegerShape.ofLong(range.min(), range.max());
    }
    if (raw == Instant.class) {
      return InstantShape.INSTANCE;
    }
    if (raw == UnknownFields.class) {
      return FreeObjectShape.INSTANCE;
    }
    if (raw.isEnum()) {
      return new EnumShape(raw);
    }
    if (raw.isRecord()) {
      return RecordShape.of(raw);
    }
    throw new IllegalStateException("no JSON mapping for " + type);
  }

  private static Shape ofCollection(AnnotatedParameterizedType type) {
    Class<?> raw = (Class<?>) ((ParameterizedType) type.getType()).getRawType();
    AnnotatedType[] arguments = type.getAnnotatedActualTypeArguments();
    if (raw == List.class) {
      MinItems minItems = type.getAnnotation(MinItems.class);
      return new ListShape(of(arguments[0]), minItems == null ? 0 : minItems.value());
    }
    if (raw == Map.class && arguments[0].getType() == String.class) {
      return new MapShape(of(arguments[1]));
    }
    if (raw == Set.class && arguments[0].getType() == String.class) {
      return KeySetShape.INSTANCE;
    }
    throw new IllegalStateException("no JSON mapping for " + type);
  }

  /** The {@link Range} on the type, or on a named range such as {@code @Uint32} on it. */
  private static Range range(AnnotatedType type) {
    Range direct = type.getAnnotation(Range.class);
    if (direct != null) {
      return direct;
    }
    for (Annotation annotation : type.getAnnotations()) {
      Range named = annotation.annotationType().getAnnotation(Range.class);
      if (named != null) {
        return named;
      }
    }
    return null;
  }
}
