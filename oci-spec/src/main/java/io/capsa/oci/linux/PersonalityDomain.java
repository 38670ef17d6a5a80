package io.capsa.oci.linux;

/** An execution domain of personality(2). */
public enum PersonalityDomain {
  LINUX,
  LINUX32
}
