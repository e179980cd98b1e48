package activity

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// countSink counts rows and keeps none, as the DuckDB loader keeps none in
// memory either.
type countSink struct{ rows, events int64 }

func (c *countSink) Append(t *schema.Table, _ []any) error {
	if t == schema.SessionEvents {
		c.events++
	} else {
		c.rows++
	}
	return nil
}

// writeSessionReport writes an AccessSession report of n sessions, each with
// two representatives, three events and the elements no column reads, as a
// busy PRA site's quarter looks (about 2.3 KB a session).
func writeSessionReport(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(w, `<session_list xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting">`)
	start := int64(1735689600)
	for i := 0; i < n; i++ {
		t := start + int64(i)*37
		fmt.Fprintf(w, `<session lsid="%032x">
  <session_type>support</session_type>
  <lseq>%d</lseq>
  <start_time timestamp="%d">%s</start_time>
  <end_time timestamp="%d">%s</end_time>
  <duration>00:15:02</duration>
  <external_key></external_key>
  <session_chat_view_url>https://pra.example.test/session_download?lsid=%032x&amp;dl_action=chat&amp;view=1</session_chat_view_url>
  <file_transfer_count>%d</file_transfer_count>
  <file_move_count>0</file_move_count>
  <file_delete_count>0</file_delete_count>
  <primary_customer gsnumber="22">host-%d.corp.example &amp; Zürich</primary_customer>
  <jump_group type="shared" id="%d">Servers %d</jump_group>
  <jumpoint id="1">DC-1</jumpoint>
  <primary_rep gsnumber="21" id="%d">User %d</primary_rep>
  <customer_list><customer gsnumber="22"><username>host-%d</username><public_ip>4.231.237.19:61606</public_ip><private_ip>10.0.0.4</private_ip><hostname>host-%d</hostname><os>Windows Server 2022</os></customer></customer_list>
  <rep_list>
    <representative gsnumber="21" id="%d"><username>user%d</username><display_name>User %d</display_name><public_display_name>User %d</public_display_name><public_ip>[2a01:e34:ec57:b230:f188:56c5:7089:d987]:56722</public_ip><private_ip>Unknown</private_ip><os>Unknown</os><session_owner>1</session_owner><seconds_involved>901</seconds_involved></representative>
    <representative gsnumber="23" id="%d"><username>user%d</username><display_name>User %d</display_name><session_owner>0</session_owner><seconds_involved>120</seconds_involved></representative>
  </rep_list>
  <session_details>
    <event timestamp="%d" event_type="Session Start"></event>
    <event timestamp="%d" event_type="Conference Member Added"><performed_by type="representative" gsnumber="21">User %d</performed_by><destination type="representative" gsnumber="23">User %d</destination><data><value name="user_id" value="%d"/></data></event>
    <event timestamp="%d" event_type="Session End"></event>
  </session_details>
</session>
`, i+1, i, t, time.Unix(t, 0).UTC().Format(time.RFC3339), t+902, time.Unix(t+902, 0).UTC().Format(time.RFC3339), i+1, i%7,
			i%5000, i%300, i%300, i%2000+1, i%2000+1, i%5000, i%5000, i%2000+1, i%2000+1, i%2000+1, i%2000+1, i%2000+2, i%2000+2, i%2000+2,
			t, t+60, i%2000+1, i%2000+2, i%2000+2, t+902)
	}
	fmt.Fprintln(w, `</session_list>`)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// peakHeap samples the heap while fn runs and returns the most it saw,
// after a collection before fn starts: the heap's objects, live or not yet
// collected, and the live heap as each collection found it.
func peakHeap(fn func()) (objects, live uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	var peak, peakLive atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			if v := sample[1].Value.Uint64(); v > peakLive.Load() {
				peakLive.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak.Load(), peakLive.Load()
}

// BenchmarkReadSessionReport reads generated AccessSession reports of two
// sizes, ten times apart: time and allocations grow with the file, the
// peak heap does not (the report is streamed, one session held at a time).
func BenchmarkReadSessionReport(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "AccessSession.xml")
			if err := writeSessionReport(path, n); err != nil {
				b.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			f := reader.File{Path: path, Kind: schema.KindSessionReport, Source: "pra", FileID: 1,
				Open: func() (io.ReadCloser, error) { return os.Open(path) }}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			var peak, live uint64
			b.ResetTimer()
			for b.Loop() {
				sink := &countSink{}
				var res *reader.Result
				p, l := peakHeap(func() { res, err = Reader{}.Read(context.Background(), f, sink) })
				if err != nil {
					b.Fatal(err)
				}
				if res.Rows != int64(n) || sink.rows != int64(2*n) || sink.events != int64(3*n) {
					b.Fatalf("read %d sessions, %d rows, %d events", res.Rows, sink.rows, sink.events)
				}
				peak, live = max(peak, p), max(live, l)
			}
			b.StopTimer()
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MiB")
			b.ReportMetric(float64(liveDuringRead(b, f, n))/(1<<20), "live-after-gc-MiB")
			b.ReportMetric(float64(st.Size())/(1<<20), "file-MiB")
		})
	}
}

// gcSink counts sessions and, every every sessions, collects garbage and
// notes the heap that is left: what the read holds at that point.
type gcSink struct {
	sessions, every int64
	live            uint64
}

func (g *gcSink) Append(t *schema.Table, row []any) error {
	if t == schema.Sessions && row[t.Index("rep_ordinal")] != int64(2) {
		g.sessions++
		if g.sessions%g.every == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			g.live = max(g.live, m.HeapAlloc)
		}
	}
	return nil
}

// liveDuringRead reads the report once more, untimed, and returns the most
// heap left after a collection at ten points of the read: a measure of what
// the reader holds that does not depend on when the collector runs.
func liveDuringRead(b *testing.B, f reader.File, n int) uint64 {
	g := &gcSink{every: int64(n / 10)}
	if _, err := (Reader{}).Read(context.Background(), f, g); err != nil {
		b.Fatal(err)
	}
	return g.live
}
