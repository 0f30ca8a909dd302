"""Tests of the geodata package, one module per geodata module."""
