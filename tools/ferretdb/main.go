// Command ferretdb runs FerretDB 1.24 (a MongoDB wire-compatible server) through its embeddable
// package. The upstream `go install .../cmd/ferretdb` binary panics without a generated version
// file, so Moskino Booking keeps this small wrapper and builds it with the Go toolchain.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

// ferretdbVersion must match the FerretDB requirement in go.mod.
const ferretdbVersion = "v1.24.2"

func main() {
	handler := flag.String("handler", "sqlite", "backend: postgresql or sqlite")
	pgURL := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/ferretdb", "PostgreSQL URL (postgresql handler)")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI ending in / (sqlite handler)")
	listen := flag.String("listen", "127.0.0.1:27017", "TCP listen address")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	parentPID := flag.Int("parent-pid", 0, "exit when this process is gone (so a killed app never leaves an orphan)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb: bad -log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// The embeddable package has no generated version file; report the version go.mod pins, so
	// buildInfo (and the benchmark report) names the server correctly.
	version.Get().Version = ferretdbVersion

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		PostgreSQLURL: *pgURL,
		SQLiteURL:     *sqliteURL,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *parentPID > 0 {
		go func() {
			for range time.Tick(time.Second) {
				if syscall.Kill(*parentPID, 0) != nil {
					stop()
					return
				}
			}
		}()
	}

	// Printed once the listener is up so that callers can wait for this exact line.
	fmt.Fprintf(os.Stdout, "ferretdb listening on %s (%s)\n", *listen, *handler)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}
