package io.sensequant.cli;
public class SenseQuant { public static void main(String[] a) {} }
