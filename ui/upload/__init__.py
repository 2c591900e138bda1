"""The upload page's steps, one module each: file, report, columns, poles, diff, store.

`flow.run` draws them in order; `state` keeps what the page remembers between reruns
(the file being worked on, its ingest results, the choices made).
"""
