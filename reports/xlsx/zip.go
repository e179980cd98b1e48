package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// contentTypesPart is the package part whose <Default> entries excelize
// writes in Go map order once a chart is added.
const contentTypesPart = "[Content_Types].xml"

// sortedZip is the excelize.ZipWriter that makes a workbook byte-identical
// from run to run. excelize creates the parts of streamed sheets in map
// order, and a chart makes the <Default> entries of [Content_Types].xml come
// out in map order too; sortedZip compresses every part into a spool file as
// it arrives, normalises [Content_Types].xml, and writeTo then emits the parts
// sorted by name. Memory stays bounded: only the compressed bytes are spooled,
// on disk.
type sortedZip struct {
	spoolDir string
	spool    *spool
	parts    []spooledPart
	cur      *partWriter
	closed   bool
	err      error
}

// spool is the temporary file that holds the compressed parts. The
// compressor writes in small pieces, hence the buffer.
type spool struct {
	f    *os.File
	bw   *bufio.Writer
	size int64
}

func (s *spool) Write(p []byte) (int, error) {
	n, err := s.bw.Write(p)
	s.size += int64(n)
	return n, err
}

// spooledPart is one compressed part in the spool.
type spooledPart struct {
	name   string
	offset int64
	csize  int64
	usize  int64
	crc    uint32
}

// partWriter receives the content of the part being written. It deflates
// the part in blocks of blockSize on all cores: each block is compressed on
// its own (a sync flush ends every block but the last, so the blocks join
// into one deflate stream) and written to the spool in order. Block
// boundaries depend only on the content, so the file is the same whatever
// the scheduling. A large sheet otherwise compresses on one core while the
// other waits.
type partWriter struct {
	z       *sortedZip
	name    string
	crc     uint32
	usize   int64
	buf     *bytes.Buffer // [Content_Types].xml only: kept whole to normalise it
	start   int64
	pending *block   // the block being filled
	flight  []*block // blocks being compressed, oldest first
}

// blockSize is how much of a part each compression job takes: large
// enough that the restart of the dictionary costs little (about 0.3% at
// 1 MiB), small enough to keep two cores busy on a 10 MiB part.
const blockSize = 1 << 20

// block is one compression job and its result.
type block struct {
	in   []byte
	out  bytes.Buffer
	err  error
	done chan struct{}
}

// blocks recycles the blocks' buffers: a large sheet is a thousand blocks,
// and a megabyte of garbage each would keep the collector busy scanning
// the findings held meanwhile.
var blocks = sync.Pool{New: func() any { return &block{in: make([]byte, 0, blockSize)} }}

var compressors = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, compressionLevel)
	return w
}}

// submit compresses data on its own goroutine; final ends the stream.
// The block's input is w.pending, which it takes over.
func (w *partWriter) submit(b *block, final bool) error {
	b.done = make(chan struct{})
	go func() {
		defer close(b.done)
		c := compressors.Get().(*flate.Writer)
		defer compressors.Put(c)
		c.Reset(&b.out)
		if _, b.err = c.Write(b.in); b.err != nil {
			return
		}
		if final {
			b.err = c.Close()
		} else {
			b.err = c.Flush()
		}
	}()
	w.flight = append(w.flight, b)
	// Bound the memory in flight: two blocks per core.
	for len(w.flight) > 2*runtime.GOMAXPROCS(0) {
		if err := w.drainOne(); err != nil {
			return err
		}
	}
	return nil
}

// drainOne waits for the oldest block and writes it to the spool.
func (w *partWriter) drainOne() error {
	b := w.flight[0]
	w.flight = w.flight[1:]
	<-b.done
	if b.err != nil {
		return b.err
	}
	_, err := w.z.spool.Write(b.out.Bytes())
	b.in, b.err = b.in[:0], nil
	b.out.Reset()
	blocks.Put(b)
	return err
}

func newSortedZip(spoolDir string) *sortedZip {
	return &sortedZip{spoolDir: spoolDir}
}

// Create starts a new part; excelize writes its content before the next call.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.closed {
		return nil, errors.New("zip: create after close")
	}
	if err := z.finishPart(); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(z.parts, func(p spooledPart) bool { return p.name == name }) {
		return nil, fmt.Errorf("zip: duplicate part %s", name)
	}
	if z.spool == nil {
		f, err := os.CreateTemp(z.spoolDir, "review-xlsx-*.spool")
		if err != nil {
			return nil, err
		}
		z.spool = &spool{f: f, bw: bufio.NewWriterSize(f, 1<<20)}
	}
	pw := &partWriter{z: z, name: name, start: z.spool.size}
	if name == contentTypesPart {
		pw.buf = new(bytes.Buffer)
	}
	z.cur = pw
	return pw, nil
}

// AddFS adds every file of fsys as a part.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer src.Close()
		dst, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = io.Copy(dst, src)
		return err
	})
}

// Close ends the last part. It writes nothing: writeTo does, once excelize
// has succeeded.
func (z *sortedZip) Close() error {
	if z.closed {
		return z.err
	}
	z.closed = true
	z.err = z.finishPart()
	return z.err
}

func (w *partWriter) Write(p []byte) (int, error) {
	w.crc = crc32.Update(w.crc, crc32.IEEETable, p)
	w.usize += int64(len(p))
	if w.buf != nil {
		return w.buf.Write(p)
	}
	n := len(p)
	for len(p) > 0 {
		if w.pending == nil {
			w.pending = blocks.Get().(*block)
		}
		take := min(len(p), blockSize-len(w.pending.in))
		w.pending.in = append(w.pending.in, p[:take]...)
		p = p[take:]
		if len(w.pending.in) == blockSize {
			b := w.pending
			w.pending = nil
			if err := w.submit(b, false); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// finishPart compresses what is left of the current part and records it.
func (z *sortedZip) finishPart() error {
	w := z.cur
	if w == nil {
		return nil
	}
	z.cur = nil
	if w.buf != nil {
		data := normaliseContentTypes(w.buf.Bytes())
		w.crc, w.usize, w.buf = 0, 0, nil
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	last := w.pending
	if last == nil {
		last = blocks.Get().(*block)
	}
	w.pending = nil
	if err := w.submit(last, true); err != nil {
		return err
	}
	for len(w.flight) > 0 {
		if err := w.drainOne(); err != nil {
			return err
		}
	}
	z.parts = append(z.parts, spooledPart{
		name: w.name, offset: w.start, csize: z.spool.size - w.start, usize: w.usize, crc: w.crc,
	})
	return nil
}

// writeTo writes the zip archive with the parts sorted by name
// ([Content_Types].xml sorts first, as OPC readers like it).
func (z *sortedZip) writeTo(out io.Writer) error {
	if !z.closed {
		if err := z.Close(); err != nil {
			return err
		}
	}
	if z.err != nil {
		return z.err
	}
	if z.spool != nil {
		if err := z.spool.bw.Flush(); err != nil {
			return err
		}
	}
	parts := slices.Clone(z.parts)
	slices.SortFunc(parts, func(a, b spooledPart) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(out)
	for _, p := range parts {
		fh := &zip.FileHeader{
			Name:               p.name,
			Method:             zip.Deflate,
			CreatorVersion:     20,
			ReaderVersion:      20,
			CRC32:              p.crc,
			CompressedSize64:   uint64(p.csize),
			UncompressedSize64: uint64(p.usize),
		}
		if p.csize >= math.MaxUint32 || p.usize >= math.MaxUint32 {
			// ZIP64: sizes go into a trailing data descriptor, and Excel wants
			// version 4.5 in the local header.
			fh.Flags |= 0x8
			fh.ReaderVersion = 45
		}
		dst, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, io.NewSectionReader(z.spool.f, p.offset, p.csize)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// remove deletes the spool file.
func (z *sortedZip) remove() {
	if z.spool != nil {
		_ = z.spool.f.Close()
		_ = os.Remove(z.spool.f.Name())
		z.spool = nil
	}
}

var defaultElement = regexp.MustCompile(`<Default [^>]*/>|<Default [^>]*>\s*</Default>`)

// normaliseContentTypes sorts the <Default> entries of [Content_Types].xml,
// which excelize writes in map order.
func normaliseContentTypes(data []byte) []byte {
	locs := defaultElement.FindAllIndex(data, -1)
	if len(locs) < 2 {
		return data
	}
	// Only a contiguous run of <Default> elements is reordered.
	for i := 1; i < len(locs); i++ {
		if len(bytes.TrimSpace(data[locs[i-1][1]:locs[i][0]])) != 0 {
			return data
		}
	}
	elems := make([][]byte, len(locs))
	for i, l := range locs {
		elems[i] = data[l[0]:l[1]]
	}
	slices.SortFunc(elems, bytes.Compare)
	var out bytes.Buffer
	out.Write(data[:locs[0][0]])
	for _, e := range elems {
		out.Write(e)
	}
	out.Write(data[locs[len(locs)-1][1]:])
	return out.Bytes()
}

// Make sure sortedZip satisfies the interface excelize plugs in.
var _ excelize.ZipWriter = (*sortedZip)(nil)

// compressionLevel trades a larger file for speed: deflate at archive/zip's
// default level 5 was the writer's largest single cost. Measured at 100k
// accounts and 76k findings: level 1 cut the write stage from 4.0 s to
// 3.1 s for a file 21% larger (18.6 → 22.5 MB).
const compressionLevel = flate.BestSpeed
