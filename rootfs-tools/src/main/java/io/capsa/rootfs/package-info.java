/**
 * Root filesystems for containers. The sandbox part builds the bundle of {@code capsa sandbox}: a
 * throwaway container whose root is a read-only view of the host ({@link
 * io.capsa.rootfs.HostViewRootfs}), described by {@link io.capsa.rootfs.SandboxOptions}, planned
 * by {@link io.capsa.rootfs.SandboxPlan} and written to a temporary directory by {@link
 * io.capsa.rootfs.SandboxBundle}, which removes it again on close.
 */
package io.capsa.rootfs;
