package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;

/**
 * Programs the runtime runs at points of the container lifecycle.
 *
 * @param prestart deprecated by the spec in favour of createRuntime, createContainer and
 *     startContainer
 */
public record Hooks(
    List<Hook> prestart,
    List<Hook> createRuntime,
    List<Hook> createContainer,
    List<Hook> startContainer,
    List<Hook> poststart,
    List<Hook> poststop,
    UnknownFields unknownFields) {
  public Hooks {
    prestart = Immutable.list(prestart);
    createRuntime = Immutable.list(createRuntime);
    createContainer = Immutable.list(createContainer);
    startContainer = Immutable.list(startContainer);
    poststart = Immutable.list(poststart);
    poststop = Immutable.list(poststop);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Hooks}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Hooks}; members left unset stay absent. */
  public static final class Builder {
    private List<Hook> prestart;
    private List<Hook> createRuntime;
    private List<Hook> createContainer;
    private List<Hook> startContainer;
    private List<Hook> poststart;
    private List<Hook> poststop;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Hooks from) {
      prestart = from.prestart;
      createRuntime = from.createRuntime;
      createContainer = from.createContainer;
      startContainer = from.startContainer;
      poststart = from.poststart;
      poststop = from.poststop;
      unknownFields = from.unknownFields;
    }

    public Builder prestart(List<Hook> prestart) {
      this.prestart = prestart;
      return this;
    }

    public Builder createRuntime(List<Hook> createRuntime) {
      this.createRuntime = createRuntime;
      return this;
    }

    public Builder createContainer(List<Hook> createContainer) {
      this.createContainer = createContainer;
      return this;
    }

    public Builder startContainer(List<Hook> startContainer) {
      this.startContainer = startContainer;
      return this;
    }

    public Builder poststart(List<Hook> poststart) {
      this.poststart = poststart;
      return this;
    }

    public Builder poststop(List<Hook> poststop) {
      this.poststop = poststop;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Hooks build() {
      return new Hooks(
          prestart,
          createRuntime,
          createContainer,
          startContainer,
          poststart,
          poststop,
          unknownFields);
    }
  }
}
