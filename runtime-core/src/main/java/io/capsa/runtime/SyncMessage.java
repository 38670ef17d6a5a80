package io.capsa.runtime;

/**
 * The messages of the sync protocol between the host and a container's init, one per
 * SOCK_SEQPACKET message, each starting with its tag byte. In create order:
 * <ol>
 *   <li>{@link #USER_NAMESPACE} (init, after unshare(CLONE_NEWUSER)) → the host writes the id
 *       maps of the sender's pid and answers {@link #MAPS_WRITTEN};
 *   <li>{@link #INIT_PID} + the container init's pid as a native int32 (the first capsa-init,
 *       which then exits; the init is its CLONE_PARENT sibling, a child of the JVM);
 *   <li>{@link #HOOKS} (init, mounts done, before pivot_root) → the host runs prestart and
 *       createRuntime hooks, then answers with the state document for createContainer hooks as
 *       a message of its own (no tag: the program passes it to the hooks' stdin as it is) and,
 *       when there are startContainer hooks, one more for them;
 *   <li>{@link #READY} (init, just before it waits on the exec fifo): create is done.
 * </ol>
 * The host closing its end makes the init's next read return 0, which fails the program; the
 * init failing or dying closes the init's end, which the host reads as the end of create.
 */
enum SyncMessage {
  USER_NAMESPACE('U'),
  MAPS_WRITTEN('M'),
  INIT_PID('P'),
  HOOKS('H'),
  READY('R');

  private final byte tag;

  SyncMessage(char tag) {
    this.tag = (byte) tag;
  }

  byte tag() {
    return tag;
  }

  static SyncMessage of(byte tag) {
    for (SyncMessage message : values()) {
      if (message.tag == tag) {
        return message;
      }
    }
    throw new IllegalStateException("unknown sync message tag " + (tag & 0xff)
        + " from the container's init");
  }
}
