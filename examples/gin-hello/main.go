// gin-hello: a small Gin HTTP server written the way a Windows service needs it.
//
// What makes it service-ready (see README.md for the why of each):
//   - configuration from the environment (PORT, ADDR, GIN_MODE, SHUTDOWN_TIMEOUT),
//     never from the working directory, which for a service is often System32;
//   - files found relative to the executable's own folder (filepath.Join);
//   - GET /health for the supervisor's health check, GET /version for deploys;
//   - Ctrl+C (os.Interrupt) and SIGTERM drain in-flight requests through
//     http.Server.Shutdown (keep-alives off first), log one clear line, and exit 0;
//   - logs to stdout (the supervisor owns files, rotation and timestamps).
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

const (
	defaultPort            = "8080"
	defaultAddr            = "127.0.0.1"
	defaultShutdownTimeout = 10 * time.Second
	defaultGreeting        = "hello from gin-hello"
)

// Exit codes: 0 clean stop (also after a graceful shutdown), 1 runtime failure,
// 2 bad configuration. A supervisor can map 2 to "do not restart".
const (
	exitOK        = 0
	exitFailure   = 1
	exitBadConfig = 2
)

// version is set at build time: go build -ldflags "-X main.version=1.2.0" (build.sh: VERSION=1.2.0).
var version = "dev"

type settings struct {
	addr            string
	port            string
	shutdownTimeout time.Duration
	appDir          string
	greeting        string
}

func main() {
	os.Exit(run())
}

func run() int {
	// One stream, stdout; no timestamps of our own: the supervisor adds them.
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	log.SetPrefix("gin-hello: ")

	cfg, err := loadSettings()
	if err != nil {
		log.Printf("config: %v", err)
		return exitBadConfig
	}

	if os.Getenv("GIN_MODE") == gin.ReleaseMode {
		gin.SetMode(gin.ReleaseMode)
	}
	gin.DefaultWriter = os.Stdout
	gin.DefaultErrorWriter = os.Stdout

	router := newRouter(cfg)

	// Listen before announcing readiness, so a taken port fails loudly and at once.
	listenOn := net.JoinHostPort(cfg.addr, cfg.port)
	listener, err := net.Listen("tcp", listenOn)
	if err != nil {
		log.Printf("listen %s: %v", listenOn, err)
		return exitFailure
	}

	server := &http.Server{
		Handler:           router,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(os.Stdout, "gin-hello: http: ", 0),
	}

	// Register for signals before serving so no early Ctrl+C is lost.
	// On Windows, Go turns CTRL_C_EVENT/CTRL_BREAK_EVENT into os.Interrupt and
	// CTRL_CLOSE/LOGOFF/SHUTDOWN_EVENT into syscall.SIGTERM.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)

	serveErr := make(chan error, 1)
	go func() { serveErr <- server.Serve(listener) }()
	log.Printf("listening on http://%s (pid %d, dir %s, mode %s)", listenOn, os.Getpid(), cfg.appDir, gin.Mode())

	select {
	case err := <-serveErr:
		// Serve only returns early on a real failure.
		log.Printf("serve: %v", err)
		return exitFailure
	case sig := <-signals:
		log.Printf("shutdown: %v received, draining in-flight requests (timeout %s)", sig, cfg.shutdownTimeout)
	}

	// Answers from now on carry "Connection: close" and idle keep-alive connections are
	// closed, so clients (and a load balancer's pool) move to another instance at once
	// instead of sending their next request to a server that is going away. Shutdown
	// does this too in current Go; saying it first keeps it explicit and version-proof.
	server.SetKeepAlivesEnabled(false)
	ctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	// Shutdown closes the listener (no new connections), then waits for every request
	// in flight to finish before it returns.
	if err := server.Shutdown(ctx); err != nil {
		log.Printf("shutdown: forced, in-flight requests cut off: %v", err)
		_ = server.Close()
		return exitFailure
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Printf("serve: %v", err)
		return exitFailure
	}
	log.Printf("shutdown: graceful, in-flight requests done")
	return exitOK
}

func loadSettings() (settings, error) {
	cfg := settings{
		addr:            envOr("ADDR", defaultAddr),
		port:            envOr("PORT", defaultPort),
		shutdownTimeout: defaultShutdownTimeout,
		greeting:        defaultGreeting,
	}
	if _, err := net.LookupPort("tcp", cfg.port); err != nil || strings.TrimLeft(cfg.port, "0123456789") != "" {
		return cfg, fmt.Errorf("PORT=%q: not a port number", cfg.port)
	}
	if v := os.Getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("SHUTDOWN_TIMEOUT=%q: want a positive duration like 10s", v)
		}
		cfg.shutdownTimeout = d
	}

	// The executable's folder, not the working directory: a service started by the
	// SCM runs in C:\Windows\System32 unless told otherwise.
	exe, err := os.Executable()
	if err != nil {
		return cfg, fmt.Errorf("locating the executable: %v", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	cfg.appDir = filepath.Dir(exe)

	// Optional file next to the exe; shows the filepath.Join habit.
	if b, err := os.ReadFile(filepath.Join(cfg.appDir, "greeting.txt")); err == nil {
		if g := strings.TrimSpace(string(b)); g != "" {
			cfg.greeting = g
		}
	}
	return cfg, nil
}

func newRouter(cfg settings) *gin.Engine {
	router := gin.New()
	router.Use(gin.Logger(), gin.Recovery())
	// Not behind a proxy by default: do not trust X-Forwarded-For from anyone.
	_ = router.SetTrustedProxies(nil)

	started := time.Now()
	router.GET("/health", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok", "uptimeSeconds": int(time.Since(started).Seconds())})
	})
	// The release svcforge-host runs (SVCFORGE_RELEASE) next to the version built in,
	// so a deploy can check which release answers.
	router.GET("/version", func(c *gin.Context) {
		var release interface{}
		if r := os.Getenv("SVCFORGE_RELEASE"); r != "" {
			release = r
		}
		c.JSON(http.StatusOK, gin.H{"version": version, "release": release})
	})
	router.GET("/", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"message": cfg.greeting, "pid": os.Getpid()})
	})
	return router
}

func envOr(name, fallback string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return fallback
}
