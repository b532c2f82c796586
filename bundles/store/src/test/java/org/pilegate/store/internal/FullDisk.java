package org.pilegate.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files on a disk that can be filled, without root or a mount: while full, every write and sync of the database
 * file fails as Linux's ENOSPC does, and reads go on. H2 meets the real failure, through its own file system
 * abstraction ({@code jdbc:h2:fulldisk:/path}), the one its tests use for theirs.
 */
public final class FullDisk extends FilePathWrapper {

    private static final String SCHEME = "fulldisk";
    private static volatile boolean full;

    static {
        FilePath.register(new FullDisk());
    }

    /** The JDBC URL of an H2 database in {@code file} on this disk (without H2's suffix). */
    public static String url(Path file) {
        return "jdbc:h2:" + SCHEME + ":" + file.toAbsolutePath();
    }

    /** From now on, no byte more fits. */
    public static void fill() {
        full = true;
    }

    /** Space again: writes succeed. */
    public static void free() {
        full = false;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    /** The real file's channel, but for writes while the disk is full. */
    private static final class Channel extends FileBase {

        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        private static void checkSpace() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            checkSpace();
            return file.write(source);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            checkSpace();
            return file.write(source, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            checkSpace();
            file.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return file.read(target);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return file.read(target, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
