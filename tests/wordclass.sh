#!/bin/sh
# The word class files of rules/ are what contrib/wordclass/make.py makes
# from the packages installed here (jieba's dictionary, ICU's uconv); a
# source that is not installed is skipped. Usage: sh tests/wordclass.sh PIPELINE
exec python3 contrib/wordclass/make.py --check rules
