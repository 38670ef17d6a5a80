package io.capsa.oci.linux;

import io.capsa.oci.schema.Pattern;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * The hugetlb limit of one page size.
 *
 * @param pageSize such as {@code 2MB}
 * @param limit bytes
 */
public record HugepageLimit(
    @Required @Pattern("^[1-9][0-9]*[KMG]B$") String pageSize,
    @Uint64 long limit,
    UnknownFields unknownFields) {
  public HugepageLimit {
    Objects.requireNonNull(pageSize, "pageSize");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public HugepageLimit(String pageSize, long limit) {
    this(pageSize, limit, UnknownFields.none());
  }
}
