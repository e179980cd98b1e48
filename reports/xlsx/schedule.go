package xlsx

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

// concurrentRows is the size from which the sheets are written two at a
// time; below it, a second goroutine is not worth it.
var concurrentRows int64 = 20000

// sheetWorkers is how many sheets are filled at once: the machines review
// runs on have two cores or more, and DuckDB reads the rows beside them.
const sheetWorkers = 2

// writeSheets streams the sheets, two at a time when one is large, the
// largest started first: on two cores the Accounts sheet and the People
// sheet of a big review (each a row per account or nearly) are formatted at
// once, and the small sheets fill the gaps. A sheet is closed only after
// the one before it, so every part of the file is numbered as in a serial
// write and the file is the same run to run.
func (b *book) writeSheets(jobs []sheetJob) error {
	var fileMu sync.Mutex
	if !slices.ContainsFunc(jobs, func(j sheetJob) bool { return j.rows >= concurrentRows }) {
		for _, job := range jobs {
			if err := b.writeSheet(job, &fileMu, nil); err != nil {
				return err
			}
		}
		return nil
	}
	s := newSchedule(len(jobs))
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(jobs[y].rows, jobs[x].rows) })
	queue := make(chan int, len(order))
	for _, i := range order {
		queue <- i
	}
	close(queue)
	var wg sync.WaitGroup
	for range sheetWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				filled := s.start(func(beforeClose func()) error { return b.writeSheet(jobs[i], &fileMu, beforeClose) }, i)
				<-filled
			}
		}()
	}
	wg.Wait()
	return s.wait()
}

// schedule orders the closing of sheets filled at once: sheet i closes
// after sheet i-1 has, and a sheet waiting for its turn gives its worker
// to the next sheet. The first error stops the waiting (the workbook is
// then thrown away, so the order no longer matters).
type schedule struct {
	closed []chan struct{}
	abort  chan struct{}
	once   sync.Once
	mu     sync.Mutex
	err    error
	wg     sync.WaitGroup
}

func newSchedule(n int) *schedule {
	s := &schedule{closed: make([]chan struct{}, n), abort: make(chan struct{})}
	for i := range s.closed {
		s.closed[i] = make(chan struct{})
	}
	return s
}

// start writes sheet i on its own goroutine with write, which calls
// beforeClose before each part of the sheet is closed. The channel it
// returns is closed once the sheet is filled (its first part waiting to
// close) or has failed: its worker may take the next sheet.
func (s *schedule) start(write func(beforeClose func()) error, i int) <-chan struct{} {
	filled := make(chan struct{})
	var fillOnce sync.Once
	release := func() { fillOnce.Do(func() { close(filled) }) }
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer release()
		err := func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("sheet %d: %v", i, p)
				}
			}()
			return write(func() {
				release()
				if i > 0 {
					select {
					case <-s.closed[i-1]:
					case <-s.abort:
					}
				}
			})
		}()
		if err != nil {
			s.fail(err)
			return
		}
		close(s.closed[i])
	}()
	return filled
}

func (s *schedule) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.once.Do(func() { close(s.abort) })
}

// wait waits for every sheet started and returns the first error.
func (s *schedule) wait() error {
	s.wg.Wait()
	return s.err
}
